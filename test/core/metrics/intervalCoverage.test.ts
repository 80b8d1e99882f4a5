import { describe, expect, it } from "vitest";
import { createRng, type Rng } from "../../../electron/shared/random";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";

/**
 * Does the 95% interval hold the truth 95% of the time? A fixed population of texts, many
 * independent generations drawn from it; "truth" is the metric's mean at the same sample size.
 * docs/metrics.md reports the coverage of every metric from this simulation.
 */
describe("bootstrap interval coverage (simulation)", () => {
  it("is about 95% for the mean-like metrics", () => {
    const rng = createRng(77);
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const population = Array.from({ length: 400 }, () => Array.from({ length: 1 + rng.int(12) }, () => words[Math.floor(words.length * rng.next() ** 2)]).join(" "));
    const weights = population.map((_, i) => [i, 1 / (i + 1)] as const);
    const draw = (r: Rng, n: number) => Array.from({ length: n }, () => population[r.weighted(weights)]!);
    const n = 100;
    const sim = createRng(1);
    const truth: Record<string, number> = {};
    const truthRuns = 400;
    for (let t = 0; t < truthRuns; t++) {
      for (const p of generationMetrics({ outputs: draw(sim, n), real: draw(sim, n), realPool: [] }, { bootstrap: 0 })) if (p.value !== null) truth[p.metric] = (truth[p.metric] ?? 0) + p.value / truthRuns;
    }
    const covered: Record<string, number> = {};
    const runs = 200;
    for (let t = 0; t < runs; t++) {
      for (const p of generationMetrics({ outputs: draw(sim, n), real: draw(sim, n), realPool: [] }, { bootstrap: 300, seed: t })) {
        const x = truth[p.metric];
        if (p.low !== null && p.high !== null && x !== undefined && p.low <= x && x <= p.high) covered[p.metric] = (covered[p.metric] ?? 0) + 1 / runs;
      }
    }
    for (const m of ["mean_length", "distinct_1", "self_bleu4", "unique_outputs", "distinct_2", "distinct_3"]) {
      expect(covered[m], m).toBeGreaterThan(0.88);
      expect(covered[m], m).toBeLessThan(0.995);
    }
    // tail survival has no interval: neither scheme covers it
    const one = generationMetrics({ outputs: draw(sim, n), real: draw(sim, n), realPool: [] }, { bootstrap: 50, seed: 1 });
    expect(one.find((p) => p.metric === "tail_survival")).toMatchObject({ low: null, high: null });
    expect(one.find((p) => p.metric === "distinct_2")!.low).not.toBeNull();
    // smoothed KL's interval is conservative
    expect(covered.kl_unigram_vs_real).toBeGreaterThan(0.95);
  });
});
