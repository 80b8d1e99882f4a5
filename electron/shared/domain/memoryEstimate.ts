import type { ModelInfo } from "./models";

/**
 * Memory a job will take, predicted from a GGUF's header before anything is loaded (docs/memory.md).
 * The trainer's terms were fitted to the peak resident memory (VmHWM) of the native trainer on
 * models from 64 to 512 wide, 32k and 128k vocabularies, contexts 256–1024; the generator's
 * follow llama.cpp's own buffers, its runtime measured as the rise of a Node process's peak when
 * node-llama-cpp loads a 1k- and a 128k-vocabulary model, and the study's process it runs in
 * measured part by part (test/helpers/studyProcessPeak.ts; docs/memory.md has every measurement).
 * Every part is in bytes.
 */
export type MemoryParts = {
  /** the weights, by their GGUF tensor types (quantised blocks included); in generation also the copy llama.cpp repacks on the CPU */
  weights: number;
  /** the process (the trainer's, or the study's that generation runs in), llama.cpp's runtime and the tokenizer's tables */
  runtime: number;
  /** LoRA matrices, their gradients and AdamW's two moments (all f32); in generation the adapter's matrices alone */
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
export type GenerationMemorySettings = {
  sequences: number;
  contextSize: number;
  batching: "shared" | "lanes";
  batchSize?: number;
  /** the LoRA adapter the generations after the first load (the trainer writes it in f32); none: the base model's generation */
  adapter?: { rank: number; targets: readonly string[] };
};

/** The facts an estimate needs; a model registered before weightBytes was read falls back to its file size. */
type Shape = { E: number; L: number; F: number; H: number; kvWidth: number; V: number; weights: number; repacked: number };

const MiB = 2 ** 20;
/** ggml/llama.cpp and tokenizer tables in the trainer: fitted, per vocabulary token (both SentencePiece and BPE) */
const RUNTIME_PER_TOKEN = 480;
/** the bare trainer process (its binary and libraries), measured: 6.3 MiB peak before it reads its config */
const TRAINER_PROCESS = 6.3 * MiB;
/**
 * node-llama-cpp loading a model, over its weights: llama.cpp's vocabulary tables and the GGUF's
 * metadata read into JavaScript (every token and merge as a string), a peak while loading.
 * Measured: 15.6 MB at 997 tokens, 197.6 MB at 128,256 (a line through both).
 */
const GENERATOR_RUNTIME = 14 * MiB;
const GENERATOR_PER_TOKEN = 1430;
/**
 * The study's process before it loads a model, which generation runs in: Node, the core's modules
 * (compiled by tsx under `lab`), node-llama-cpp's binding and the metrics worker thread a study keeps
 * once its first metrics job ran. Measured 217.6–230.1 MiB (VmRSS, five runs). The vocabulary-only
 * load that measures token lengths before a generate job adds nothing on top: the generator's own
 * load reuses the memory it freed (peak 2071 MiB with it, 2085 MiB without, on the 1B shape).
 */
const STUDY_PROCESS = 220 * MiB;
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
    repacked: info.repackedBytes ?? 0,
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
    runtime: TRAINER_PROCESS + RUNTIME_PER_TOKEN * V,
    lora: 4 * 4 * loraParameters(info, s.rank, s.targets),
    kvCache,
    activations: T * L * (ACT_PER_EMBD * E + ACT_PER_FF * F) * 4 + ATTENTION_COPIES * L * H * T * T * 4 + PER_TOKEN * T,
    logits: TRAIN_LOGIT_COPIES * rows * V * 4,
  });
}

/**
 * The generator's peak (node-llama-cpp in the study's process, flash attention off as openSlots
 * sets it): f16 KV for every sequence's context, and per llama.cpp context a compute buffer for one
 * batch of tokens. node-llama-cpp keeps each sequence's cells in a stream of its own (kv_unified
 * off), so a batch's attention scores span one sequence's context, not every cell. Logits are
 * asked for one token per sequence (its next one), so one decode's output over the vocabulary is
 * at most a row per sequence, and so is the output buffer; llama.cpp reserves its compute buffer
 * for a whole batch of output rows (n_ubatch × vocabulary, 250 MiB at 128k), but only the rows a
 * decode writes become resident. "lanes" opens one context per sequence; "shared" one with them all.
 * On the CPU llama.cpp copies the Q4_K (Q4_0, IQ4_NL, MXFP4) matrices into a repacked buffer for its
 * AVX2 kernels while their pages of the mapped file stay resident, so those count twice. The total
 * is the study process's peak, the process itself included (STUDY_PROCESS).
 */
export function estimateGenerationMemory(info: ModelInfo, s: GenerationMemorySettings): MemoryEstimate {
  const { E, L, F, H, kvWidth, V, weights, repacked } = shapeOf(info);
  const contexts = s.batching === "lanes" ? s.sequences : 1;
  const sequencesPerContext = s.sequences / contexts;
  const batch = Math.min(s.batchSize ?? 512, s.contextSize * sequencesPerContext);
  const outputRows = Math.min(batch, sequencesPerContext);
  // one batch: a layer's activations and the attention scores over a sequence's context, in f32, and the decode's output rows
  const compute = (batch * (4 * E + 2 * F + kvWidth * 2) + H * batch * s.contextSize) * 4 + outputRows * V * 4;
  return sum({
    weights: weights + repacked,
    runtime: STUDY_PROCESS + GENERATOR_RUNTIME + GENERATOR_PER_TOKEN * V,
    // llama.cpp reads the adapter's f32 matrices into a buffer of their own
    lora: s.adapter ? 4 * loraParameters(info, s.adapter.rank, s.adapter.targets) : 0,
    kvCache: 2 * L * s.contextSize * s.sequences * kvWidth * 2,
    activations: contexts * compute,
    logits: s.sequences * V * 4,
  });
}

export type StudyMemorySettings = {
  train: TrainerMemorySettings;
  generate: GenerationMemorySettings;
};
export type StudyMemoryEstimate = { trainer: MemoryEstimate; generation: MemoryEstimate; peak: number };

/**
 * What the machine holds at once with `jobs` jobs side by side (a study's parallelJobs). The study's
 * process lives throughout, so a trainer runs beside it; its generate jobs take turns, so at most one
 * generator is loaded, beside the other jobs' trainers.
 */
export function studyPeak(trainer: MemoryEstimate, generation: MemoryEstimate, jobs = 1): number {
  const generator = generation.total - STUDY_PROCESS;
  return STUDY_PROCESS + Math.max(jobs * trainer.total, generator + (jobs - 1) * trainer.total);
}

/** A study's jobs one at a time: the larger of a trainer and a generator, with the study's process beside either. */
export function estimateStudyMemory(info: ModelInfo, s: StudyMemorySettings): StudyMemoryEstimate {
  const trainer = estimateTrainerMemory(info, s.train);
  const generation = estimateGenerationMemory(info, s.generate);
  return { trainer, generation, peak: studyPeak(trainer, generation) };
}

/** 1.5 GiB, 312 MiB: the unit a person reads a memory size in. */
export function formatBytes(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(1)} GiB` : `${Math.round(n / MiB)} MiB`;
}
