import { describe, expect, it } from "vitest";
import { meanInterval, tQuantile975 } from "../../../electron/shared/stats/meanInterval";

describe("meanInterval (across seeds)", () => {
  it("is mean ± t(0.975, k−1)·s/√k, by hand", () => {
    // 1, 2, 3, 4: mean 2.5, s = √(5/3) = 1.29099, s/2 = 0.645497, t(0.975, 3) = 3.182 → ± 2.053971
    const m = meanInterval([1, 2, 3, 4]);
    expect(m.mean).toBe(2.5);
    expect(m.low).toBeCloseTo(2.5 - 2.053971, 5);
    expect(m.high).toBeCloseTo(2.5 + 2.053971, 5);
  });
  it("has no interval for one seed, and zero width for identical seeds", () => {
    expect(meanInterval([0.7])).toEqual({ mean: 0.7, low: null, high: null });
    expect(meanInterval([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, low: 0.5, high: 0.5 });
  });
  it("uses the t table, then approaches 1.96", () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(30)).toBe(2.042);
    expect(tQuantile975(60)).toBeCloseTo(2.0, 2);
    expect(tQuantile975(10_000)).toBeCloseTo(1.96, 3);
  });
});
