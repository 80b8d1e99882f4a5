import { openSlots } from "./openSlots";
import { LlamaRuntime, type Backend } from "./LlamaRuntime";
import { chooseThreads } from "./chooseThreads";
import { promptTokens } from "./promptTokens";
import type { FinishReason } from "./SlotDecoder";
import type { Batching } from "../../shared/domain/study";

export type GenerationPrompt = { id: number; prompt: string };
export type GeneratedSample = { id: number; prompt: string; output: string; tokenCount: number; finishReason: FinishReason; seed: number };
export type GenerationProgress = { done: number; total: number; generatedTokens: number; tokensPerSecond: number; etaSeconds: number | null };

export type GenerateSamplesOptions = {
  modelPath: string;
  loraPath?: string;
  prompts: GenerationPrompt[];
  seed: number;
  temperature: number;
  topP: number;
  topK: number;
  maxTokens: number;
  stop: string[];
  /** samples generated at the same time */
  sequences: number;
  /**
   * "lanes": one context per parallel sample, so a sample's numbers never depend on what else is
   * being decoded: the same seed gives the same text for any `sequences` and thread count.
   * "shared": one context whose sequences are decoded together (SlotDecoder): every decode holds
   * one step of every slot, so the batches, and with them the texts, are the same on every run
   * with the same `sequences` — but a sample's numbers depend on the batch it shares, so they
   * differ from lanes' and from another `sequences`. The default, and the faster one.
   */
  batching: Batching;
  /** tokens per sequence (prompt + answer) */
  contextSize: number;
  /** prompts rendered through the model's chat template: their markers are read as the vocabulary's special tokens, as the trainer reads them */
  specialTokens?: boolean;
  /** tokens per llama.cpp decode; node-llama-cpp's default (min(contextSize × contexts' sequences, 512)) when unset */
  batchSize?: number;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: GenerationProgress) => void;
};

export type GenerateSamplesResult = {
  samples: GeneratedSample[];
  backend: Backend;
  /** from the call to the last sample */
  seconds: number;
  /** of `seconds`, loading the model and adapter, choosing threads and creating the contexts */
  setupSeconds: number;
  generatedTokens: number;
  /** over `seconds` */
  tokensPerSecond: number;
  sequences: number;
  threads: number | null;
  decodes: number;
};

/** A sample's own seed, from the run's seed and the prompt's id: independent of batching order. */
export function sampleSeed(seed: number, id: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ id, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (Math.imul(h, 0xc2b2ae35) >>> 0) & 0x7fffffff;
}

/**
 * Generates one answer per prompt with a model and an optional LoRA adapter, `sequences` at a
 * time. Prompts are dealt to the parallel slots in a fixed order (slot i takes prompts i, i+n,
 * …), so a slot's history — and with it what shares each decode — is the same on every run
 * (SlotDecoder). A prompt that does not fit `contextSize` is an error before anything is
 * generated: cutting it to fit would change what the model was asked. The model (and with it the
 * adapter, which llama.cpp frees only with the model) is disposed at the end, so many generations
 * in a row do not grow in memory. `decodes` counts llama.cpp's decode calls over every context:
 * with shared batching, how full the batches were.
 */
export async function generateSamples(options: GenerateSamplesOptions): Promise<GenerateSamplesResult> {
  const { llama, backend } = await LlamaRuntime.get();
  const started = performance.now();
  const model = await llama.loadModel({ modelPath: options.modelPath, ...(backend.gpu ? {} : { gpuLayers: 0 }) });
  try {
    const jobs = options.prompts.map((p, index) => ({
      index,
      tokens: promptTokens(model, p.prompt, options.specialTokens),
      seed: sampleSeed(options.seed, p.id),
    }));
    const tooLong = jobs.find((j) => j.tokens.length >= options.contextSize);
    if (tooLong) {
      const id = options.prompts[tooLong.index]!.id;
      throw new Error(
        `the prompt of record ${id} is ${tooLong.tokens.length} tokens, ` +
          `which leaves no room for an answer in generate.contextSize (${options.contextSize} tokens): raise generate.contextSize`,
      );
    }
    const parallel = Math.max(1, Math.min(options.sequences, options.prompts.length));
    const threads = options.threads ?? (backend.gpu ? undefined : await chooseThreads(model, options.modelPath, parallel, options.batching));
    const slots = await openSlots(model, options.batching, parallel, {
      contextSize: options.contextSize,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(threads ? { threads } : {}),
      ...(options.loraPath ? { lora: { adapters: [{ filePath: options.loraPath }] } } : {}),
    });
    const setupSeconds = (performance.now() - started) / 1000;
    const samples: GeneratedSample[] = new Array(options.prompts.length);
    let done = 0;
    let generatedTokens = 0;
    let decodes: number;
    try {
      const queues = Array.from({ length: parallel }, (_, slot) => jobs.filter((j) => j.index % parallel === slot));
      const { temperature, topK, topP, maxTokens, stop } = options;
      decodes = await slots.generate(
        queues,
        { temperature, topK, topP, maxTokens, stop },
        (job, outcome) => {
          const p = options.prompts[job.index]!;
          samples[job.index] = {
            id: p.id,
            prompt: p.prompt,
            output: outcome.text,
            tokenCount: outcome.tokenCount,
            finishReason: outcome.finishReason,
            seed: job.seed,
          };
          generatedTokens += outcome.tokenCount;
          done++;
          const secs = (performance.now() - started) / 1000;
          options.onProgress?.({
            done,
            total: options.prompts.length,
            generatedTokens,
            tokensPerSecond: generatedTokens / secs,
            etaSeconds: (secs / done) * (options.prompts.length - done),
          });
        },
        options.signal,
      );
    } finally {
      await slots.dispose();
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      samples,
      backend,
      seconds,
      setupSeconds,
      generatedTokens,
      tokensPerSecond: generatedTokens / seconds,
      sequences: parallel,
      threads: threads ?? null,
      decodes,
    };
  } finally {
    await model.dispose();
  }
}
