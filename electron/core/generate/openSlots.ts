import type { LlamaContext, LlamaModel } from "node-llama-cpp";
import type { Batching } from "../../shared/domain/study";
import { SlotDecoder, type SampleJob, type SampleOutcome, type Sampling } from "./SlotDecoder";
import { probeNodeLlamaCpp } from "./nativeHandles";

/** The contexts parallel samples are generated on: slot i is the i-th sequence over them, in order. */
export type Slots = {
  contexts: LlamaContext[];
  /**
   * Generates queue i's prompts in order on slot i, every context at once; the decodes it made.
   * Where a job fails or `signal` aborts, the other contexts finish their step before this
   * rejects: disposing a context under a decode in flight fails inside node-llama-cpp.
   */
  generate: <J extends SampleJob>(
    queues: readonly (readonly J[])[],
    sampling: Sampling,
    onSample: (job: J, outcome: SampleOutcome) => void,
    signal?: AbortSignal,
  ) => Promise<number>;
  /** frees the contexts (the model stays) */
  dispose: () => Promise<void>;
};

/**
 * `parallel` slots on a model: a context each ("lanes"), or one context with a sequence each
 * ("shared"; see GenerateSamplesOptions.batching).
 */
export async function openSlots(
  model: LlamaModel,
  batching: Batching,
  parallel: number,
  settings: { contextSize: number; batchSize?: number; threads?: number; lora?: { adapters: { filePath: string }[] } },
): Promise<Slots> {
  // node-llama-cpp's internals that SlotDecoder drives: checked once per process, on a context of their own
  await probeNodeLlamaCpp(model);
  // off: for one query token against 512 or more KV cells, llama.cpp's CPU flash attention splits
  // the cache between the threads and sums the parts in an order set by how many there are, so a
  // sequence decoding alone (lanes past 256 tokens, shared's last sample) sampled differently at
  // 1 and 2 threads (ggml-cpu ops.cpp, use_split_kv_path); without it every value is one dot
  // product, whatever the thread count. Its price depends on the model (bench/RESULTS.md)
  const contextSettings = { ...settings, flashAttention: false };
  const contexts: LlamaContext[] = [];
  try {
    if (batching === "shared") contexts.push(await model.createContext({ ...contextSettings, sequences: parallel }));
    else for (let i = 0; i < parallel; i++) contexts.push(await model.createContext({ ...contextSettings, sequences: 1 }));
  } catch (error) {
    for (const context of contexts) await context.dispose();
    throw error;
  }
  return {
    contexts,
    generate: async (queues, sampling, onSample, signal) => {
      const decoders = contexts.map((context) => new SlotDecoder(model, context, sampling, settings.contextSize));
      // the first failure stops the other contexts at their next step, and is what the call throws
      const failure = new AbortController();
      const stop = signal ? AbortSignal.any([signal, failure.signal]) : failure.signal;
      let first = 0;
      const settled = await Promise.allSettled(
        contexts.map((context, i) => {
          const own = queues.slice(first, (first += context.totalSequences));
          return decoders[i]!.run(own, onSample, stop).catch((error: unknown) => {
            if (!failure.signal.aborted) failure.abort(error);
            throw error;
          });
        }),
      );
      if (settled.some((r) => r.status === "rejected")) throw failure.signal.reason;
      return decoders.reduce((n, d) => n + d.decodes, 0);
    },
    dispose: async () => {
      for (const context of contexts) await context.dispose();
    },
  };
}
