import { describe, expect, it } from "vitest";
import { distinctAtBudget, rarefiedDistinct, thinCounts, total } from "../../../electron/core/metrics/tokenBudget";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";
import type { MetricName } from "../../../electron/core/metrics/metricNames";
import { createRng, type Rng } from "../../../electron/shared/random";
import { weightedPicker } from "../../helpers/weightedPicker";

describe("thinCounts and rarefaction, by hand", () => {
  it("draws exactly the budget, never more of a word than there is, seeded", () => {
    const counts = Int32Array.from([5, 0, 3, 12, 1]);
    const out = new Int32Array(5);
    for (let s = 0; s < 50; s++) {
      thinCounts(counts, 7, createRng(s), out);
      expect(total(out)).toBe(7);
      out.forEach((c, i) => expect(c).toBeLessThanOrEqual(counts[i]!));
    }
    expect([...thinCounts(counts, 100, createRng(1), out)]).toEqual([...counts]);
    expect([...thinCounts(counts, 7, createRng(9), new Int32Array(5))]).toEqual([...thinCounts(counts, 7, createRng(9), new Int32Array(5))]);
  });

  it("thinning is uniform: each word keeps its share on average", () => {
    const counts = Int32Array.from([60, 30, 10]);
    const sum = [0, 0, 0];
    const rng = createRng(4);
    const out = new Int32Array(3);
    for (let s = 0; s < 4000; s++) thinCounts(counts, 10, rng, out).forEach((c, i) => (sum[i]! += c / 4000));
    expect(sum[0]).toBeCloseTo(6, 1);
    expect(sum[1]).toBeCloseTo(3, 1);
    expect(sum[2]).toBeCloseTo(1, 1);
  });

  it("rarefaction: counts {2, 1, 1}, 2 drawn of 4 → 3 − [C(2,2) + C(3,2) + C(3,2)] / C(4,2) = 3 − 7/6", () => {
    expect(rarefiedDistinct([2, 1, 1], 2)).toBeCloseTo(3 - 7 / 6, 12);
    expect(rarefiedDistinct([2, 1, 1], 4)).toBe(3);
    expect(rarefiedDistinct([2, 1, 1], 1)).toBeCloseTo(1, 12);
    expect(distinctAtBudget([2, 1, 1], 2)).toBeCloseTo((3 - 7 / 6) / 2, 12);
    expect(distinctAtBudget([0, 0], 5)).toBeNull();
  });
});

/**
 * The simulation: an unchanged Zipf-like word distribution; the real side 3,000 tokens,
 * the outputs 1,500 / 3,000 / 6,000 tokens (texts of 15, 30, 60 words). On raw counts KL and
 * distinct-n drift with the output length alone; at equal token budgets they do not.
 */
describe("equal token budgets (simulation)", () => {
  const VOCAB = 500;
  const word = weightedPicker(Array.from({ length: VOCAB }, (_, i) => [`w${i}`, 1 / (i + 1)] as const));
  const text = (rng: Rng, words: number) => Array.from({ length: words }, () => word(rng)).join(" ");
  const RUNS = 30;

  /** The mean of every metric over RUNS generations of `outputWords`-word outputs, at equal budgets and on raw counts: the same texts for both. */
  function meansAt(outputWords: number): Record<"budgeted" | "raw", Partial<Record<MetricName, number>>> {
    const rng = createRng(`budget-${outputWords}`);
    const sums = { budgeted: {} as Partial<Record<MetricName, number>>, raw: {} as Partial<Record<MetricName, number>> };
    for (let r = 0; r < RUNS; r++) {
      const real = Array.from({ length: 100 }, () => text(rng, 30));
      const outputs = Array.from({ length: 100 }, () => text(rng, outputWords));
      for (const [kind, equalTokens] of [
        ["budgeted", true],
        ["raw", false],
      ] as const) {
        // self-BLEU is not looked at here and would be most of the time: a subsample of 2
        for (const p of generationMetrics({ outputs, real, realPool: [] }, { bootstrap: 0, seed: r, equalTokens, selfBleuSample: 2 })) {
          if (p.value !== null) sums[kind][p.metric] = (sums[kind][p.metric] ?? 0) + p.value / RUNS;
        }
      }
    }
    return sums;
  }

  it("KL, JS and distinct-n stay put across output lengths; on raw counts they drift", () => {
    const means = [15, 30, 60].map(meansAt);
    const budgeted = means.map((x) => x.budgeted);
    const raw = means.map((x) => x.raw);
    for (const m of ["kl_unigram_vs_real", "js_unigram_vs_real", "distinct_1", "distinct_2"] as const) {
      const values = budgeted.map((x) => x[m]!);
      const spread = (Math.max(...values) - Math.min(...values)) / values[1]!;
      const rawValues = raw.map((x) => x[m]!);
      const rawSpread = (Math.max(...rawValues) - Math.min(...rawValues)) / rawValues[1]!;
      expect(spread, `${m}: ${values.join(" / ")}`).toBeLessThan(0.03);
      expect(rawSpread, `${m} raw: ${rawValues.join(" / ")}`).toBeGreaterThan(3 * spread);
    }
    // every budgeted generation was measured at half the real tokens
    for (const x of budgeted) expect(x.token_budget).toBe(1500);
  });
});
