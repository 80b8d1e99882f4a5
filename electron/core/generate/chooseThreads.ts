import type { LlamaModel } from "node-llama-cpp";
import { availableParallelism } from "node:os";
import type { Batching } from "../../shared/domain/study";
import { openSlots } from "./openSlots";
import { threadPoolSize } from "./generationEnv";
import { promptTokens } from "./promptTokens";

const chosen = new Map<string, number>();

// a report of typical length: thread counts that help a long prompt can hurt token-by-token decoding
const PROBE = `Описание: ${"Правая доля: в средней трети определяется изоэхогенный узел с ровными контурами, размерами 1,2х0,9 см. ".repeat(3)}\nЗаключение:`;

/**
 * The CPU threads per llama.cpp context for generation, by measurement, once per model file,
 * batching and parallelism in a process. Lanes that already occupy every core at once get one
 * thread each without measuring: more threads made each decode much slower there (decodes hopping
 * between libuv threads; see GENERATION_ENV). Otherwise times 1 thread against every core on the
 * real configuration: prompt plus 32 tokens per sequence, twice each, alternating, keeping each
 * count's faster run, since one run each on a drifting machine can pick the slower count, and the
 * choice holds for every generation of the process (figures: bench/RESULTS.md).
 */
export async function chooseThreads(model: LlamaModel, key: string, parallel: number, batching: Batching): Promise<number> {
  const cores = Math.max(1, availableParallelism());
  // lanes decode at once only as far as libuv's pool lets them (GENERATION_ENV keeps it at one thread)
  if (cores === 1 || (batching === "lanes" && Math.min(parallel, threadPoolSize()) >= cores)) return 1;
  const id = `${key}|${batching}|${parallel}`;
  const cached = chosen.get(id);
  if (cached) return cached;
  const probes = batching === "lanes" ? parallel : Math.min(parallel, 4);
  let best = { threads: 1, seconds: Infinity };
  const tokens = promptTokens(model, PROBE);
  for (const threads of [1, cores, 1, cores]) {
    const slots = await openSlots(model, batching, probes, { contextSize: 512, threads });
    let seconds: number;
    try {
      const started = performance.now();
      await slots.generate(
        Array.from({ length: probes }, () => [{ tokens, seed: 0 }]),
        { temperature: 0, topK: 40, topP: 1, maxTokens: 32, stop: [] },
        () => {},
      );
      seconds = (performance.now() - started) / 1000;
    } finally {
      await slots.dispose();
    }
    if (seconds < best.seconds) best = { threads, seconds };
  }
  chosen.set(id, best.threads);
  return best.threads;
}
