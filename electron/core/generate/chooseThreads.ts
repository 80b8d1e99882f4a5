import { LlamaCompletion, type LlamaModel } from "node-llama-cpp";
import { cpus } from "node:os";

const chosen = new Map<string, number>();

/**
 * The CPU thread count for generation, by measurement: on small models thread synchronisation
 * can cost more than the extra core gives (native-trainer.md: 1 thread was 15× faster than 2 on a
 * 3M-parameter model). Times a short greedy completion at 1 thread and at every core, once per
 * model file and process.
 */
export async function chooseThreads(model: LlamaModel, key: string, sequences: number): Promise<number> {
  const cached = chosen.get(key);
  if (cached) return cached;
  const candidates = [...new Set([1, Math.max(1, cpus().length)])];
  let best = { threads: 1, seconds: Infinity };
  for (const threads of candidates) {
    const context = await model.createContext({ contextSize: 256, sequences: Math.min(sequences, 4), threads });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.min(sequences, 4) }, async () => {
        const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
        await completion.generateCompletion("Описание: в правой доле узел 1,0 см. EU-TIRADS 3\nЗаключение:", { maxTokens: 12, temperature: 0 });
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await context.dispose();
    if (seconds < best.seconds) best = { threads, seconds };
  }
  chosen.set(key, best.threads);
  return best.threads;
}
