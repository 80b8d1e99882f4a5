import { describe, expect, it } from "vitest";
import type { ModelInfo } from "../../../electron/shared/domain/models";
import {
  estimateGenerationMemory,
  estimateStudyMemory,
  estimateTrainerMemory,
  formatBytes,
  loraParameters,
  studyPeak,
  type MemoryEstimate,
} from "../../../electron/shared/domain/memoryEstimate";

/** A small llama: 64 wide, 2 layers, 4 heads sharing 1 KV head (KV width 16), FFN 128, 1000 tokens, 1,000,000 bytes of weights. */
const info = (over: Partial<ModelInfo> = {}): ModelInfo => ({
  kind: "model",
  architecture: "llama",
  name: null,
  parameters: 250_000,
  layers: 2,
  embeddingSize: 64,
  feedForwardSize: 128,
  heads: 4,
  kvHeads: 1,
  gqaRatio: 4,
  slidingWindow: null,
  contextLength: 1024,
  ropeFreqBase: 10000,
  vocabularyType: "gpt2",
  vocabularySize: 1000,
  quantization: "F32",
  tensorTypes: { F32: 20 },
  fileSize: 1_100_000,
  weightBytes: 1_000_000,
  loraAlpha: null,
  loraRank: null,
  ...over,
});

const MiB = 2 ** 20;

// Every figure below is worked out by hand from the formulas in docs/memory.md.
describe("the trainer's estimate, part by part", () => {
  it("LoRA parameters: rank × (inputs + outputs) per targeted matrix and layer, the output layer once", () => {
    // attn_q 2·8·(64+64) = 2048, ffn_down 2·8·(128+64) = 3072, output 8·(64+1000) = 8512
    expect(loraParameters(info(), 8, ["attn_q", "ffn_down", "output"])).toBe(13_632);
    // attn_k maps 64 to the KV width 16: 2·8·80
    expect(loraParameters(info(), 8, ["attn_k"])).toBe(1280);
  });

  it("weights, process and vocabulary tables, LoRA with its gradient and AdamW moments, f32 KV, activations, logits at the answer's rows", () => {
    const e = estimateTrainerMemory(info(), { rank: 8, targets: ["attn_q", "ffn_down", "output"], contextSize: 256, answerTokens: 100 });
    expect(e.parts.weights).toBe(1_000_000);
    // the bare trainer process 6.3 MiB + 480 bytes per vocabulary token
    expect(e.parts.runtime).toBeCloseTo(6.3 * MiB + 480_000, 3);
    // four f32 copies (weights, gradient, two moments) of 13,632 parameters
    expect(e.parts.lora).toBe(218_112);
    // keys and values, 2 layers × 256 cells × width 16, f32
    expect(e.parts.kvCache).toBe(65_536);
    // 256·2·(14·64 + 0.5·128)·4 = 1,966,080; 1.4·2·4·256²·4 = 2,936,012.8; 1660·256 = 424,960
    expect(e.parts.activations).toBeCloseTo(5_327_052.8, 3);
    // four f32 copies of 100 answer rows over 1000 tokens
    expect(e.parts.logits).toBe(1_600_000);
    expect(e.total).toBeCloseTo(15_296_729.6, 3);
  });

  it("without an answer length every row of the window has logits", () => {
    expect(estimateTrainerMemory(info(), { rank: 8, targets: ["attn_q"], contextSize: 256 }).parts.logits).toBe(4 * 256 * 1000 * 4);
  });

  it("a model registered before its weight bytes were read falls back to its file size", () => {
    const { weightBytes: _, ...old } = info();
    expect(estimateTrainerMemory(old, { rank: 8, targets: ["attn_q"], contextSize: 256 }).parts.weights).toBe(1_100_000);
  });
});

describe("the generator's estimate, part by part", () => {
  it("shared: one context of 4 sequences × 256 cells, one batch of 512 tokens, a logits row per sequence", () => {
    const e = estimateGenerationMemory(info(), { sequences: 4, contextSize: 256, batching: "shared" });
    expect(e.parts.weights).toBe(1_000_000);
    // the study's process 220 MiB, node-llama-cpp's load 14 MiB + 1430 bytes per vocabulary token
    expect(e.parts.runtime).toBe(234 * MiB + 1_430_000);
    expect(e.parts.lora).toBe(0);
    // f16 keys and values: 2 · 2 layers · 1024 cells · 16 · 2 bytes
    expect(e.parts.kvCache).toBe(131_072);
    // (512·(4·64 + 2·128 + 2·16) + 4 heads·512·256 cells of one sequence)·4 = 3,211,264, and 4 output rows · 1000 · 4
    expect(e.parts.activations).toBe(3_227_264);
    expect(e.parts.logits).toBe(16_000);
    expect(e.total).toBe(251_171_120);
  });

  it("lanes: a context per sequence, each with its own batch of 256 (its whole context) and one output row", () => {
    const e = estimateGenerationMemory(info(), { sequences: 4, contextSize: 256, batching: "lanes" });
    // 4 · ((256·544 + 4·256·256)·4 + 1·1000·4) = 4 · 1,609,632
    expect(e.parts.activations).toBe(6_438_528);
    expect(e.parts.kvCache).toBe(131_072);
    expect(e.parts.logits).toBe(16_000);
    expect(e.total).toBe(254_382_384);
  });

  it("the matrices llama.cpp repacks on the CPU count twice (the copy and the mapped file's pages); an adapter's f32 matrices once", () => {
    const plain = estimateGenerationMemory(info(), { sequences: 4, contextSize: 256, batching: "shared" });
    const repacked = estimateGenerationMemory(info({ repackedBytes: 400_000 }), { sequences: 4, contextSize: 256, batching: "shared" });
    expect(repacked.parts.weights).toBe(1_400_000);
    expect(repacked.total - plain.total).toBe(400_000);
    const adapted = estimateGenerationMemory(info(), {
      sequences: 4,
      contextSize: 256,
      batching: "shared",
      adapter: { rank: 8, targets: ["attn_q", "ffn_down", "output"] },
    });
    // 13,632 LoRA parameters in f32
    expect(adapted.parts.lora).toBe(54_528);
    expect(adapted.total - plain.total).toBe(54_528);
  });

  it("a 128k vocabulary costs a logits row per sequence, not one per batch token (n_ubatch × vocabulary, 250 MiB)", () => {
    const small = estimateGenerationMemory(info(), { sequences: 16, contextSize: 512, batching: "shared" });
    const large = estimateGenerationMemory(info({ vocabularySize: 128_256 }), { sequences: 16, contextSize: 512, batching: "shared" });
    expect(large.parts.activations - small.parts.activations).toBe(16 * 127_256 * 4);
    expect(large.parts.logits).toBe(16 * 128_256 * 4);
    expect(large.parts.activations).toBeLessThan(20 * MiB);
    expect(large.parts.runtime - small.parts.runtime).toBe(1430 * 127_256);
  });
});

describe("a study's estimate", () => {
  it("its peak is the larger of its jobs, which run one after the other, with the study's process beside the trainer", () => {
    const e = estimateStudyMemory(info(), {
      train: { rank: 8, targets: ["attn_q", "ffn_down", "output"], contextSize: 256, answerTokens: 100 },
      generate: { sequences: 4, contextSize: 256, batching: "lanes" },
    });
    expect(e.trainer.total).toBeCloseTo(15_296_729.6, 3);
    expect(e.generation.total).toBe(254_382_384);
    // the generator's process already counts the study's 220 MiB
    expect(e.peak).toBe(254_382_384);
    // a trainer larger than the generator's own part: the process (220 MiB) is added to it
    const trainer = { parts: {}, total: 100 * MiB } as MemoryEstimate;
    const generation = { parts: {}, total: 250 * MiB } as MemoryEstimate;
    expect(studyPeak(trainer, generation)).toBe(320 * MiB);
    // side by side: two trainers (200 MiB) against a generator (30 MiB) and one trainer, beside the process
    expect(studyPeak(trainer, generation, 2)).toBe(420 * MiB);
    expect(studyPeak(trainer, { parts: {}, total: 500 * MiB } as MemoryEstimate, 2)).toBe(600 * MiB);
  });

  it("is written in MiB below a GiB, in GiB with one decimal above", () => {
    expect(formatBytes(23_695_664)).toBe("23 MiB");
    expect(formatBytes(1.5 * 2 ** 30)).toBe("1.5 GiB");
  });
});

/**
 * The estimate against the peak resident memory (VmHWM) of the process a study generates in, every
 * part of it measured by test/helpers/studyProcessPeak.ts (docs/memory.md, 2026-12-06): the 1B shape's
 * header as readModelInfo reads it, and the two shipped tiny models.
 */
describe("the generator's estimate against the measured peak of the study's process", () => {
  const oneB = info({
    parameters: 1_498_482_688,
    layers: 16,
    embeddingSize: 2048,
    feedForwardSize: 8192,
    heads: 32,
    kvHeads: 8,
    vocabularySize: 128_256,
    quantization: "Q4_K",
    tensorTypes: { Q6_K: 17, F32: 33, Q4_K: 97 },
    fileSize: 955_440_576,
    weightBytes: 947_613_696,
    repackedBytes: 467_140_608,
  });
  const adapter = { rank: 16, targets: ["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"] };
  const ratio = (model: ModelInfo, s: Parameters<typeof estimateGenerationMemory>[1], measuredMiB: number) =>
    estimateGenerationMemory(model, s).total / MiB / measuredMiB;

  it("the LLaMA-3.2-1B shape (Q4_K_M): within 20 %, with and without the adapter, 16 and 5 sequences", () => {
    // 16 sequences × 512, the r16 adapter: 2071.0 MiB measured (2085.3 MiB without the vocabulary-only load before it)
    expect(ratio(oneB, { sequences: 16, contextSize: 512, batching: "shared", adapter }, 2071.0)).toBeCloseTo(1.04, 2);
    // 5 sequences, no adapter: 1869.7 MiB
    expect(ratio(oneB, { sequences: 5, contextSize: 512, batching: "shared" }, 1869.7)).toBeCloseTo(1.03, 2);
    // the study process's peak in the 1B bench (5 samples, so 5 sequences, with the adapter; bench/results.json): 1931.6 MiB
    expect(ratio(oneB, { sequences: 5, contextSize: 512, batching: "shared", adapter }, 1931.6)).toBeCloseTo(1.02, 2);
  });

  it("the tiny models: within 20 %, the process itself nearly all of it", async () => {
    const { readModelInfo } = await import("../../../electron/core/models/readModelInfo");
    const defaults = { sequences: 16, contextSize: 512, batching: "shared" } as const;
    const llama3 = await readModelInfo("resources/default-models/tiny-llama3.gguf");
    const mistral = await readModelInfo("resources/default-models/tiny-mistral.gguf");
    expect(llama3.repackedBytes).toBe(0); // F32 weights: nothing repacked
    // 246.2 and 244.4 MiB measured
    expect(ratio(llama3, defaults, 246.2)).toBeCloseTo(1.02, 2);
    expect(ratio(mistral, defaults, 244.4)).toBeCloseTo(1.03, 2);
  });
});
