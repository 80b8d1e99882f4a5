import { describe, expect, it } from "vitest";
import type { Batching } from "../../../electron/shared/domain/study";
import { LlamaRuntime } from "../../../electron/core/generate/LlamaRuntime";
import { openSlots } from "../../../electron/core/generate/openSlots";
import { tinyModel } from "../../helpers/tinyModel";

const PROMPT = `Описание: ${"в правой доле изоэхогенный узел с ровными контурами 1,2 см. ".repeat(10)}\nЗаключение:`;

/**
 * The 20 likeliest tokens, with their probabilities, that slot 0 sees over 24 greedy steps while
 * it decodes alone: one query token against a KV cache of at least 512 cells, where llama.cpp's
 * CPU flash attention splits the cache between the threads and sums the parts in an order that
 * depends on how many there are.
 */
async function probabilities(batching: Batching, threads: number): Promise<number[]> {
  const { llama } = await LlamaRuntime.get();
  const model = await llama.loadModel({ modelPath: await tinyModel(), gpuLayers: 0 });
  try {
    const slots = await openSlots(model, batching, 2, { contextSize: 512, threads });
    try {
      const sequence = slots.contexts[0]!.getSequence();
      const prompt = model.tokenize(PROMPT);
      // past 256 tokens llama.cpp views 512 KV cells, where the split begins
      expect(prompt.length).toBeGreaterThan(256);
      const seen: number[] = [];
      let steps = 0;
      for await (const step of sequence.evaluateWithMetadata(prompt, { probabilities: true }, { temperature: 0 })) {
        // the 20 likeliest (a random tiny model spreads the rest thinly over 32,000 tokens)
        for (const [token, p] of [...step.probabilities].sort((a, b) => b[1] - a[1]).slice(0, 20)) seen.push(token, p);
        if (++steps === 24) break;
      }
      return seen;
    } finally {
      await slots.dispose();
    }
  } finally {
    await model.dispose();
  }
}

describe("openSlots: a generation context's numbers do not depend on the thread count", () => {
  for (const batching of ["lanes", "shared"] as const) {
    it(`${batching}: one sequence decoding alone gets bit-identical probabilities at 1 and 2 threads`, async () => {
      const one = await probabilities(batching, 1);
      expect(one.length).toBeGreaterThan(24 * 2);
      expect(await probabilities(batching, 2)).toEqual(one);
    });
  }
});
