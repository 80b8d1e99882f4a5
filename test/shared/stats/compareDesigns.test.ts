import { describe, expect, it } from "vitest";
import { answerSentence, compareDesigns, headlineSentence, parseSide } from "../../../electron/shared/stats/compareDesigns";
import type { MetricPoint } from "../../../electron/shared/domain/views";

const pt = (design: string, model: string, seed: number, generation: number, metric: string, value: number): MetricPoint => ({
  design,
  model,
  seed,
  generation,
  metric,
  value,
  low: null,
  high: null,
});

/** Two designs × 6 seeds × 3 generations; recursive's KL vs M1 rises 0.1 per generation faster than cross's. */
function study(): MetricPoint[] {
  const out: MetricPoint[] = [];
  const jitter = [0.01, -0.02, 0.03, 0, -0.01, 0.02];
  for (let s = 1; s <= 6; s++) {
    for (let g = 1; g <= 3; g++) {
      out.push(pt("recursive", "m", s, g, "kl_unigram_vs_m1", 0.2 * (g - 1) + jitter[s - 1]!));
      out.push(pt("cross", "m", s, g, "kl_unigram_vs_m1", 0.1 * (g - 1)));
      out.push(pt("recursive", "m", s, g, "kl_m1_noise_floor", 0.05));
      out.push(pt("cross", "m", s, g, "kl_m1_noise_floor", 0.04));
      out.push(pt("recursive", "m", s, g, "distinct_3", 0.5));
      out.push(pt("cross", "m", s, g, "distinct_3", 0.5 + jitter[s - 1]!));
    }
  }
  return out;
}

describe("compareDesigns", () => {
  it("pairs by seed, subtracts each side's floor at the last generation, and tests the differences", () => {
    const c = compareDesigns(study(), parseSide("recursive:m"), parseSide("cross:m"));
    expect(c.generation).toBe(3);
    expect(c.seeds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.exactCanReach05).toBe(true);
    const last = c.rows.find((r) => r.metric === "kl_unigram_vs_m1" && r.summary === "last")!;
    expect(last.floored).toBe(true);
    // (0.4 + j − 0.05) − (0.2 − 0.04) = 0.19 + j; mean j = 0.005
    expect(last.meanDifference).toBeCloseTo(0.195, 12);
    expect(last.exactP).toBeCloseTo(2 / 64, 12);
    // Holm over two metrics: 2/64 · 2
    expect(last.holmP).toBeCloseTo(4 / 64, 12);
    const slope = c.rows.find((r) => r.metric === "kl_unigram_vs_m1" && r.summary === "slope")!;
    expect(slope.meanDifference).toBeCloseTo(0.1, 2);
    const distinct = c.rows.find((r) => r.metric === "distinct_3" && r.summary === "last")!;
    expect(distinct.floored).toBe(false);
    expect(distinct.meanDifference).toBeCloseTo(-0.005, 12);
  });

  // d = 0.19 + j: mean 0.195, sd 0.01871, half-width 2.571 · 0.01871 / √6 = 0.0196
  it("writes the answer sentence from the test, in both languages, with the seeds caveat below 6", () => {
    const c = compareDesigns(study(), parseSide("recursive:m"), parseSide("cross:m"), ["kl_unigram_vs_m1"]);
    expect(headlineSentence(c)).toBe("recursive vs cross, m: KL vs M1 at M3 higher by 0.20 [0.18, 0.21], p = 0.031, 6 seeds");
    expect(headlineSentence(c, "ru")).toMatch(/^рекурсивная против перекрёстная, m: KL к M1 на M3 выше на 0,20 \[0,18, 0,21\], p = 0,031, 6 сидов$/);
    const few = compareDesigns(
      study().filter((p) => p.seed! <= 4),
      parseSide("recursive:m"),
      parseSide("cross:m"),
      ["kl_unigram_vs_m1"],
    );
    expect(few.exactCanReach05).toBe(false);
    expect(answerSentence(few, few.rows[0]!)).toMatch(/4 seeds; with 4 seeds the exact test cannot reach p < 0.05 \(smallest p 0.125\)$/);
  });

  it("names what is missing", () => {
    expect(() => compareDesigns(study(), parseSide("accumulate:m"), parseSide("cross:m"))).toThrow(
      /no metric points for accumulate:m; it has cross:m, recursive:m/,
    );
    expect(() => compareDesigns(study(), parseSide("recursive:m"), parseSide("cross:m"), ["kl_bigram_vs_real"])).toThrow(/no metric "kl_bigram_vs_real"/);
    expect(() => parseSide("recursive")).toThrow(/design:model/);
  });
});
