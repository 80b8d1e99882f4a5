import { monitorEventLoopDelay } from "node:perf_hooks";
import type { BenchSuite } from "../BenchResult";
import { generateCorpus } from "../../electron/core/data/synth/generateCorpus";
import { generationMetrics, type GenerationMetricsInput } from "../../electron/core/metrics/generationMetrics";
import { computeMetricsInWorker } from "../../electron/core/metrics/computeMetricsInWorker";

const SAMPLES = 10_000;

/**
 * One generation of 10,000 samples against the real conclusions of the same prompts. Two text
 * lengths: conclusions (~10 word tokens, the study's answers) and descriptions used as outputs
 * (~100 tokens), a stand-in for long generations.
 */
function generation(kind: "conclusions" | "descriptions"): GenerationMetricsInput {
  const corpus = generateCorpus({ records: 3 * SAMPLES, seed: 5 });
  const pick = (from: number) => corpus.slice(from, from + SAMPLES).map((r) => (kind === "conclusions" ? r.conclusion : r.description));
  const real = pick(0);
  return { outputs: pick(SAMPLES), real, descriptions: corpus.slice(0, SAMPLES).map((r) => r.description), m1: pick(2 * SAMPLES), realPool: real };
}

export const metricsSuite: BenchSuite = {
  name: "metrics",
  async run(ctx) {
    for (const kind of ["conclusions", "descriptions"] as const) {
      ctx.log(`building ${SAMPLES.toLocaleString("en-US")} ${kind}…`);
      const input = generation(kind);
      const tokens = input.outputs.reduce((n, o) => n + o.split(/\s+/).length, 0) / SAMPLES;
      ctx.log(`about ${tokens.toFixed(0)} words per output`);
      const label = `metrics of 10,000 ${kind}`;
      // warm the JIT on a small slice so the timed runs measure steady-state code
      generationMetrics(
        { ...input, outputs: input.outputs.slice(0, 500), real: input.real.slice(0, 500), descriptions: input.descriptions!.slice(0, 500) },
        { bootstrap: 20 },
      );

      // wall time is the target; CPU time too, because this 2-core machine is shared and wall time
      // then includes other people's work
      for (const [bootstrap, what, target] of [
        [0, "all metrics, no bootstrap", "< 1 s"],
        [1000, "all metrics + 1,000-resample bootstrap", "< 5 s"],
      ] as const) {
        const cpu = process.cpuUsage();
        const t = performance.now();
        generationMetrics(input, { bootstrap });
        const wall = (performance.now() - t) / 1000;
        const used = process.cpuUsage(cpu);
        ctx.record({ name: `${label}: ${what}`, value: wall, unit: "s", target });
        ctx.record({ name: `${label}: ${what}, CPU time`, value: (used.user + used.system) / 1e6, unit: "s (CPU)" });
      }

      // the same through computeMetricsInWorker: worker start (and, from sources, tsx) and copying included
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const t = performance.now();
      await computeMetricsInWorker(input, { bootstrap: 1000 });
      const wall = (performance.now() - t) / 1000;
      delay.disable();
      ctx.record({ name: `${label}: in a worker thread, bootstrap included (wall)`, value: wall, unit: "s", target: "< 5 s" });
      ctx.record({ name: `${label}: caller's longest event-loop stall meanwhile`, value: delay.max / 1e6, unit: "ms" });
    }
  },
};
