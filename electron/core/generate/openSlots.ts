import type { BatchingOptions, LlamaContext, LlamaContextSequence, LlamaModel } from "node-llama-cpp";
import type { Batching } from "../../shared/domain/study";
import { fifoBatch } from "./fifoBatch";
import { Lockstep } from "./Lockstep";

/** The parallel slots samples are generated in, and what they share. */
export type Slots = {
  /** slot i's sequence */
  sequences: LlamaContextSequence[];
  /** slot i has no prompt left: shared batching stops waiting for it */
  leave: (slot: number) => void;
  /** llama.cpp decode calls so far, over every context */
  decodes: () => number;
  /** frees the contexts (the model stays) */
  dispose: () => Promise<void>;
};

/**
 * `parallel` slots on a model: a context each ("lanes"), or one context with a sequence each
 * ("shared"), whose sequences decode in lockstep (Lockstep; see GenerateSamplesOptions.batching).
 * Every slot has joined before any evaluates, or the first would decode alone.
 */
export async function openSlots(
  model: LlamaModel,
  batching: Batching,
  parallel: number,
  settings: { contextSize: number; batchSize?: number; threads?: number; lora?: { adapters: { filePath: string }[] }; signal?: AbortSignal },
): Promise<Slots> {
  const { signal, ...rest } = settings;
  // off: for one query token against 512 or more KV cells, llama.cpp's CPU flash attention splits
  // the cache between the threads and sums the parts in an order set by how many there are, so a
  // sequence decoding alone (lanes past 256 tokens, shared's last sample) sampled differently at
  // 1 and 2 threads (ggml-cpu ops.cpp, use_split_kv_path); without it every value is one dot
  // product, whatever the thread count. Measured no slower here (20M model, 4 and 16 sequences)
  const contextSettings = { ...rest, flashAttention: false };
  if (batching === "shared") {
    const lockstep = new Lockstep(signal);
    try {
      const context = await model.createContext({ ...contextSettings, sequences: parallel, batching: lockstep.batching });
      lockstep.attach(context);
      const sequences = Array.from({ length: parallel }, () => context.getSequence());
      const leaves = sequences.map((sequence) => lockstep.join(sequence));
      return {
        sequences,
        leave: (slot) => leaves[slot]!(),
        decodes: () => lockstep.decodes,
        dispose: async () => {
          lockstep.dispose();
          await context.dispose();
        },
      };
    } catch (error) {
      lockstep.dispose();
      throw error;
    }
  }
  let decodes = 0;
  const counting: BatchingOptions = {
    itemPrioritizationStrategy: (batch) => {
      decodes++;
      return fifoBatch(batch);
    },
  };
  const contexts: LlamaContext[] = [];
  for (let i = 0; i < parallel; i++) contexts.push(await model.createContext({ ...contextSettings, sequences: 1, batching: counting }));
  return {
    sequences: contexts.map((context) => context.getSequence()),
    leave: () => {},
    decodes: () => decodes,
    dispose: async () => {
      for (const context of contexts) await context.dispose();
    },
  };
}
