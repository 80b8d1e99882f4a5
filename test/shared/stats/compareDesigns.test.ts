import { describe, expect, it } from "vitest";
import { answerSentence, chainSlope, compareDesigns, headlineSentence, parseSide } from "../../../electron/shared/stats/compareDesigns";
import { slope } from "../../../electron/shared/stats/pairedTest";
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

  it("fits a cross side's slope per chain: a model's generations alternate between the chain it starts and the other model's", () => {
    // model "mis" in cross: its chain (A-first) holds generations 1, 3, 5 at 0, 0.2, 0.4 (slope 0.1);
    // the chain "lla" starts (B-first) holds its generations 2, 4 at 1.0, 1.0 (slope 0). Per chain: (0.1 + 0) / 2 = 0.05.
    // One line through all five, 0, 1, 0.2, 1, 0.4 (mean 0.52): Σ(x − 3)(y − 0.52) = 1.04 − 0.48 + 0 + 0.48 − 0.24 = 0.8, / 10 = 0.08.
    const cross = { 1: ["A-first", 0], 2: ["B-first", 1], 3: ["A-first", 0.2], 4: ["B-first", 1], 5: ["A-first", 0.4] } as const;
    const points: MetricPoint[] = [];
    for (let s = 1; s <= 6; s++) {
      const level = 0.01 * s; // a per-seed level that leaves every slope unchanged
      for (let g = 1; g <= 5; g++) {
        const [chain, value] = cross[g as keyof typeof cross];
        points.push({ ...pt("cross", "mis", s, g, "kl_unigram_vs_m1", value + level), chain });
        points.push({ ...pt("recursive", "mis", s, g, "kl_unigram_vs_m1", 0.1 * (g - 1) + level), chain: "A" });
        points.push({ ...pt("cross", "lla", s, g, "kl_unigram_vs_m1", 0.3), chain: chain === "A-first" ? "B-first" : "A-first" });
      }
    }
    const mine = points.filter((p) => p.design === "cross" && p.model === "mis" && p.seed === 1);
    expect(
      slope(
        mine.map((p) => p.generation),
        mine.map((p) => p.value!),
      ),
    ).toBeCloseTo(0.08, 12);
    expect(chainSlope(mine)).toBeCloseTo(0.05, 12);

    const c = compareDesigns(points, parseSide("recursive:mis"), parseSide("cross:mis"), ["kl_unigram_vs_m1"]);
    const row = c.rows.find((r) => r.summary === "slope")!;
    for (const b of row.b) expect(b).toBeCloseTo(0.05, 12);
    for (const a of row.a) expect(a).toBeCloseTo(0.1, 12);
    expect(row.meanDifference!).toBeCloseTo(0.05, 12); // the mixed line would say 0.02
    expect(c.lineage.b).toEqual({ chains: ["A-first", "B-first"], trainedOn: "lla" });
    expect(c.lineage.a).toEqual({ chains: ["A"], trainedOn: "mis" });
    expect(answerSentence(c, row)).toMatch(/^recursive vs cross \(trained on lla's text\), mis: slope of /);
  });
});
