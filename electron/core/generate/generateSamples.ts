import { LlamaCompletion } from "node-llama-cpp";
import { LlamaRuntime, type Backend } from "./LlamaRuntime";
import { chooseThreads } from "./chooseThreads";

export type GenerationPrompt = { id: number; prompt: string };
export type GeneratedSample = { id: number; prompt: string; output: string; tokenCount: number; finishReason: string; seed: number };
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
  /** parallel sequences of one context, batched together by node-llama-cpp */
  sequences: number;
  contextSize: number;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: GenerationProgress) => void;
};

/** A sample's own seed, from the run's seed and the prompt's id: independent of batching order. */
export function sampleSeed(seed: number, id: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ id, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (Math.imul(h, 0xc2b2ae35) >>> 0) & 0x7fffffff;
}

/**
 * Generates one answer per prompt with a model and an optional LoRA adapter, over parallel
 * sequences of one context. The model (and with it the adapter, which llama.cpp frees only with
 * the model) is disposed at the end, so many generations in a row do not grow in memory.
 */
export async function generateSamples(options: GenerateSamplesOptions): Promise<{ samples: GeneratedSample[]; backend: Backend; seconds: number; generatedTokens: number; tokensPerSecond: number; sequences: number; threads: number | null }> {
  const { llama, backend } = await LlamaRuntime.get();
  const started = performance.now();
  const model = await llama.loadModel({ modelPath: options.modelPath, ...(backend.gpu ? {} : { gpuLayers: 0 }) });
  try {
    const sequences = Math.max(1, Math.min(options.sequences, options.prompts.length));
    const threads = options.threads ?? (backend.gpu ? undefined : await chooseThreads(model, options.modelPath, sequences));
    const context = await model.createContext({
      contextSize: options.contextSize * sequences,
      sequences,
      ...(threads ? { threads } : {}),
      ...(options.loraPath ? { lora: { adapters: [{ filePath: options.loraPath }] } } : {}),
    });
    const samples: GeneratedSample[] = new Array(options.prompts.length);
    let next = 0;
    let done = 0;
    let generatedTokens = 0;
    const worker = async () => {
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      while (next < options.prompts.length) {
        options.signal?.throwIfAborted();
        const index = next++;
        const p = options.prompts[index]!;
        const seed = sampleSeed(options.seed, p.id);
        await sequence.clearHistory();
        const r = await completion.generateCompletionWithMeta(p.prompt, {
          maxTokens: options.maxTokens,
          temperature: options.temperature,
          topP: options.topP,
          topK: options.topK,
          seed,
          customStopTriggers: options.stop,
          ...(options.signal ? { signal: options.signal, stopOnAbortSignal: false } : {}),
        });
        const tokenCount = model.tokenize(r.response, false).length;
        samples[index] = { id: p.id, prompt: p.prompt, output: r.response, tokenCount, finishReason: String(r.metadata.stopReason), seed };
        generatedTokens += tokenCount;
        done++;
        const secs = (performance.now() - started) / 1000;
        options.onProgress?.({ done, total: options.prompts.length, generatedTokens, tokensPerSecond: generatedTokens / secs, etaSeconds: done ? (secs / done) * (options.prompts.length - done) : null });
      }
    };
    await Promise.all(Array.from({ length: sequences }, worker));
    await context.dispose();
    const seconds = (performance.now() - started) / 1000;
    return { samples, backend, seconds, generatedTokens, tokensPerSecond: generatedTokens / seconds, sequences, threads: threads ?? null };
  } finally {
    await model.dispose();
  }
}
