import type { ModelInfo } from "./models";

/**
 * Memory a job will take, predicted from a GGUF's header before anything is loaded (docs/memory.md).
 * The trainer's terms were fitted to the peak resident memory (VmHWM) of the native trainer on
 * models from 64 to 512 wide, 32k and 128k vocabularies, contexts 256–1024; the generator's
 * follow llama.cpp's own buffers. Every part is in bytes.
 */
export type MemoryParts = {
  /** the weights, by their GGUF tensor types (quantised blocks included) */
  weights: number;
  /** the process, llama.cpp's runtime and the tokenizer's tables */
  runtime: number;
  /** LoRA matrices, their gradients and AdamW's two moments (all f32) */
  lora: number;
  /** keys and values of every layer for the whole context (f32 in the trainer, f16 in the generator) */
  kvCache: number;
  /** intermediate tensors kept for the backward pass, or the generator's compute buffer */
  activations: number;
  /** output rows over the vocabulary in f32 */
  logits: number;
};
export type MemoryEstimate = { total: number; parts: MemoryParts };

export type TrainerMemorySettings = {
  rank: number;
  targets: readonly string[];
  /** tokens per training window */
  contextSize: number;
  /** the longest answer the trainer sees, in tokens: only answer positions get logits (patch 0006); default the whole window */
  answerTokens?: number;
};
export type GenerationMemorySettings = { sequences: number; contextSize: number; batching: "shared" | "lanes"; batchSize?: number };

/** The facts an estimate needs; a model registered before weightBytes was read falls back to its file size. */
type Shape = { E: number; L: number; F: number; H: number; kvWidth: number; V: number; weights: number };

const MiB = 2 ** 20;
/** process, ggml/llama.cpp and tokenizer tables: fitted, per vocabulary token (both SentencePiece and BPE) */
const RUNTIME_PER_TOKEN = 480;
/** node-llama-cpp's own addition over the bare runtime, measured as the rise of a Node process's peak */
const GENERATOR_RUNTIME = 8 * MiB;
/** fitted: floats kept per window token and layer, per unit of embedding and feed-forward width */
const ACT_PER_EMBD = 14;
const ACT_PER_FF = 0.5;
/** fitted: the attention matrices (heads × window²) in f32 that the backward pass keeps, in copies */
const ATTENTION_COPIES = 1.4;
/** fitted: bytes per window token besides the layers (inputs, labels, the output norm) */
const PER_TOKEN = 1660;
/** logits, their softmax, and both gradients: four f32 copies of every output row (measured 3.8–4.0) */
const TRAIN_LOGIT_COPIES = 4;

export function shapeOf(info: ModelInfo): Shape {
  const E = info.embeddingSize ?? 0;
  const H = info.heads ?? 1;
  const kvHeads = info.kvHeads ?? H;
  return {
    E,
    L: info.layers ?? 0,
    F: info.feedForwardSize ?? 4 * E,
    H,
    kvWidth: H ? (E / H) * kvHeads : E,
    V: info.vocabularySize ?? 0,
    weights: info.weightBytes ?? info.fileSize,
  };
}

/** LoRA parameters: rank × (inputs + outputs) of every targeted matrix, in every layer (the output layer once). */
export function loraParameters(info: ModelInfo, rank: number, targets: readonly string[]): number {
  const { E, L, F, kvWidth, V } = shapeOf(info);
  const size: Record<string, [number, number]> = {
    attn_q: [E, E],
    attn_k: [E, kvWidth],
    attn_v: [E, kvWidth],
    attn_output: [E, E],
    ffn_gate: [E, F],
    ffn_up: [E, F],
    ffn_down: [F, E],
  };
  let n = 0;
  for (const t of targets) {
    if (t === "output") n += rank * (E + V);
    else {
      const s = size[t];
      if (s) n += L * rank * (s[0] + s[1]);
    }
  }
  return n;
}

const sum = (parts: MemoryParts): MemoryEstimate => ({ parts, total: Object.values(parts).reduce((a, b) => a + b, 0) });

/** The native trainer's peak: one window of contextSize tokens, f32 KV, no flash attention (model_load.cpp's make_context). */
export function estimateTrainerMemory(info: ModelInfo, s: TrainerMemorySettings): MemoryEstimate {
  const { E, L, F, H, kvWidth, V, weights } = shapeOf(info);
  const T = s.contextSize;
  const rows = Math.min(T, Math.max(1, s.answerTokens ?? T));
  const kvCache = 2 * L * T * kvWidth * 4;
  return sum({
    weights,
    runtime: RUNTIME_PER_TOKEN * V,
    lora: 4 * 4 * loraParameters(info, s.rank, s.targets),
    kvCache,
    activations: T * L * (ACT_PER_EMBD * E + ACT_PER_FF * F) * 4 + ATTENTION_COPIES * L * H * T * T * 4 + PER_TOKEN * T,
    logits: TRAIN_LOGIT_COPIES * rows * V * 4,
  });
}

/**
 * The generator's peak (node-llama-cpp in the study's process): f16 KV for every parallel
 * sequence's context, a compute buffer for one batch of tokens attending to the whole cache, and
 * a logits row per sequence. "lanes" opens one context per sequence; "shared" one with them all.
 */
export function estimateGenerationMemory(info: ModelInfo, s: GenerationMemorySettings): MemoryEstimate {
  const { E, L, F, H, kvWidth, V, weights } = shapeOf(info);
  const cells = s.contextSize * s.sequences;
  const contexts = s.batching === "lanes" ? s.sequences : 1;
  const cellsPerContext = s.batching === "lanes" ? s.contextSize : cells;
  const batch = Math.min(s.batchSize ?? 512, cellsPerContext);
  // one batch: the layer's activations plus the attention scores over the context, in f32
  const compute = (batch * (4 * E + 2 * F + kvWidth * 2) + H * batch * cellsPerContext) * 4 + batch * V * 4;
  return sum({
    weights,
    runtime: RUNTIME_PER_TOKEN * V + GENERATOR_RUNTIME,
    lora: 0,
    kvCache: 2 * L * cells * kvWidth * 2,
    activations: contexts * compute,
    logits: s.sequences * V * 4,
  });
}

export type StudyMemorySettings = {
  train: TrainerMemorySettings;
  generate: GenerationMemorySettings;
};
export type StudyMemoryEstimate = { trainer: MemoryEstimate; generation: MemoryEstimate; peak: number };

/** Training and generation run one after the other (each job on its own); the larger is what the machine must hold. */
export function estimateStudyMemory(info: ModelInfo, s: StudyMemorySettings): StudyMemoryEstimate {
  const trainer = estimateTrainerMemory(info, s.train);
  const generation = estimateGenerationMemory(info, s.generate);
  return { trainer, generation, peak: Math.max(trainer.total, generation.total) };
}

/** 1.5 GiB, 312 MiB: the unit a person reads a memory size in. */
export function formatBytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : `${Math.round(n / MiB)} MiB`;
}
