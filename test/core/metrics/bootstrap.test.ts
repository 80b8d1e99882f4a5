import { describe, expect, it } from "vitest";
import { forEachResample, percentileInterval, quantile } from "../../../electron/core/metrics/bootstrap";

describe("forEachResample", () => {
  it("draws n samples with replacement per resample, the same for the same seed", () => {
    const run = (seed: number) => {
      const all: number[][] = [];
      forEachResample(5, 20, seed, (w) => all.push([...w]));
      return all;
    };
    const a = run(3);
    expect(a).toHaveLength(20);
    for (const w of a) expect(w.reduce((x, y) => x + y, 0)).toBe(5);
    // with replacement: some resample repeats a sample
    expect(a.some((w) => w.some((k) => k > 1))).toBe(true);
    expect(run(3)).toEqual(a);
    expect(run(4)).not.toEqual(a);
  });
});

describe("quantile and percentileInterval", () => {
  it("interpolates between order statistics (type 7)", () => {
    // h = (5−1)·0.25 = 1 → 20; h = 4·0.975 = 3.9 → 40 + 0.9·(50−40) = 49
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([10, 20, 30, 40, 50], 0.975)).toBeCloseTo(49, 12);
  });

  it("is the plain percentile interval when the replicates are centred on the value", () => {
    const reps = Array.from({ length: 41 }, (_, i) => i / 40); // 0 .. 1, mean .5
    // q.025: h = 40·.025 = 1 → .025; q.975: h = 39 → .975
    expect(percentileInterval(reps, 0.5, [0, 1])).toEqual({ low: 0.025, high: 0.975 });
  });

  it("removes the bootstrap bias (mean of replicates − value) and clamps to the range", () => {
    const reps = Array.from({ length: 41 }, (_, i) => 0.6 + i / 400); // .6 .. .7, mean .65
    const v = percentileInterval(reps, 0.95, [0, 1]);
    // bias = .65 − .95 = −.3 → low = .6025 + .3 = .9025, high = .6975 + .3 = .9975
    expect(v.low).toBeCloseTo(0.9025, 12);
    expect(v.high).toBeCloseTo(0.9975, 12);
    expect(percentileInterval(reps, 0.99, [0, 1]).high).toBe(1);
  });

  it("gives value = low = high when every replicate equals the value, and null without replicates or value", () => {
    expect(percentileInterval(Array(1000).fill(0.1), 0.1, [0, 1])).toEqual({ low: 0.1, high: 0.1 });
    expect(percentileInterval([null, null], 0.3, [0, 1])).toEqual({ low: null, high: null });
    expect(percentileInterval([0.3], null, [0, 1])).toEqual({ low: null, high: null });
  });
});
