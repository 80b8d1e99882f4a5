import { describe, expect, it } from "vitest";
import { medianRanks, medianWithInterval } from "../../../electron/core/metrics/medianInterval";

/** P(B ≤ k) for B ~ Binomial(n, ½), by exact binomial coefficients (small n). */
function binomialCdf(n: number, k: number): number {
  let c = 1;
  let sum = 0;
  for (let j = 0; j <= k; j++) {
    sum += c;
    c = (c * (n - j)) / (j + 1);
  }
  return sum / 2 ** n;
}

describe("medianRanks", () => {
  it("gives the tabled ranks: (1, 6) at n = 6, (6, 15) at 20, (40, 61) at 100; none below 6", () => {
    expect(medianRanks(5)).toBeNull();
    expect(medianRanks(6)).toEqual({ low: 1, high: 6 });
    expect(medianRanks(20)).toEqual({ low: 6, high: 15 });
    expect(medianRanks(100)).toEqual({ low: 40, high: 61 });
  });

  it("takes the largest l with P(B ≤ l − 1) ≤ 2.5%, so the coverage 1 − 2·P(B ≤ l − 1) is at least 95%", () => {
    for (let n = 6; n <= 300; n++) {
      const { low, high } = medianRanks(n)!;
      expect(high).toBe(n + 1 - low);
      expect(binomialCdf(n, low - 1), `n = ${n}`).toBeLessThanOrEqual(0.025);
      expect(binomialCdf(n, low), `n = ${n}`).toBeGreaterThan(0.025);
    }
  });

  it("stays finite for large samples (2^−n underflows there): about n/2 − 0.98·√n at 10,000 and 1,000,000", () => {
    expect(medianRanks(10_000)!.low).toBeGreaterThan(5000 - 0.98 * 100 - 2);
    expect(medianRanks(10_000)!.low).toBeLessThan(5000 - 0.98 * 100 + 2);
    expect(medianRanks(1_000_000)!.low).toBeGreaterThan(500_000 - 0.98 * 1000 - 2);
    expect(medianRanks(1_000_000)!.low).toBeLessThan(500_000 - 0.98 * 1000 + 2);
  });
});

describe("medianWithInterval", () => {
  it("is the middle value (mean of the two middle ones) with the order statistics at the ranks", () => {
    expect(medianWithInterval([], true)).toEqual({ value: null, low: null, high: null });
    expect(medianWithInterval([1, 2, 2], true)).toEqual({ value: 2, low: null, high: null });
    expect(medianWithInterval([1, 2, 3, 4, 5, 9], true)).toEqual({ value: 3.5, low: 1, high: 9 });
    expect(medianWithInterval([1, 2, 3, 4, 5, 9], false)).toEqual({ value: 3.5, low: null, high: null });
    const twenty = Array.from({ length: 20 }, (_, i) => 10 * i);
    expect(medianWithInterval(twenty, true)).toEqual({ value: 95, low: 50, high: 140 });
  });
});
