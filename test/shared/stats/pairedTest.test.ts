import { describe, expect, it } from "vitest";
import { holm, pairedDifferenceTest, pairedTest, signFlipP, slope } from "../../../electron/shared/stats/pairedTest";
import { incompleteBeta, logGamma, tTwoSided } from "../../../electron/shared/stats/studentT";
import { createRng } from "../../../electron/shared/random";

// Reference values: by hand from the definitions, checked against scipy.stats 1.17 (t.sf, ttest_1samp).
describe("Student's t tail", () => {
  it("matches tabled two-sided p-values", () => {
    expect(tTwoSided(2.0, 5)).toBeCloseTo(0.1019394788, 8);
    expect(tTwoSided(2.571, 5)).toBeCloseTo(0.0499746347, 8);
    expect(tTwoSided(1.0, 30)).toBeCloseTo(0.3253086154, 8);
    expect(tTwoSided(0.5, 1)).toBeCloseTo(0.7048327647, 8);
    expect(tTwoSided(0, 4)).toBeCloseTo(1, 12);
  });
  it("log-gamma and the incomplete beta at closed forms", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    // I_x(1, 1) = x; I_x(a, 1) = x^a
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.6, 3, 1)).toBeCloseTo(0.216, 12);
  });
});

describe("pairedTest", () => {
  it("six positive differences: interval, t-test, exact test at its floor, effect size", () => {
    const r = pairedDifferenceTest([0.3, 0.1, 0.25, 0.2, 0.05, 0.35]);
    expect(r.n).toBe(6);
    expect(r.meanDifference).toBeCloseTo(0.2083333333, 9);
    // t(0.975, 5) is tabled as 2.571 (exact 2.5706): the bounds agree to 1e-3
    expect(r.low).toBeCloseTo(0.0867768509, 3);
    expect(r.high).toBeCloseTo(0.3298898158, 3);
    expect(r.t).toBeCloseTo(4.405671105, 8);
    expect(r.tP).toBeCloseTo(0.0069847528, 8);
    // only the all-plus and all-minus sign vectors are as extreme: 2/64
    expect(r.exactP).toBeCloseTo(2 / 64, 12);
    expect(r.minimumExactP).toBeCloseTo(2 / 64, 12);
    expect(r.effectSize).toBeCloseTo(1.798607697, 8);
  });
  it("pairs a and b as a − b", () => {
    expect(pairedTest([1, 2, 3], [0.5, 1, 2.5]).meanDifference).toBeCloseTo(2 / 3, 12);
    expect(() => pairedTest([1], [1, 2])).toThrow(/one pair per seed/);
  });
  it("the exact test of mixed signs counts the sign vectors by hand", () => {
    // |sum| = 0.75; of the 32 sign vectors 8 reach it (scipy-free enumeration done on paper and in numpy)
    expect(signFlipP([0.4, -0.1, 0.3, 0.2, -0.05])).toBeCloseTo(0.25, 12);
    expect(pairedDifferenceTest([0.4, -0.1, 0.3, 0.2, -0.05]).tP).toBeCloseTo(0.1986443086, 8);
  });
  it("five seeds cannot reach 0.05 with the exact test", () => {
    const r = pairedDifferenceTest([1, 2, 3, 4, 5]);
    expect(r.exactP).toBeCloseTo(0.0625, 12);
    expect(r.minimumExactP).toBeCloseTo(0.0625, 12);
  });
  it("degenerate inputs: no seeds, one seed, equal differences", () => {
    expect(pairedDifferenceTest([]).meanDifference).toBeNull();
    const one = pairedDifferenceTest([0.2]);
    expect(one.meanDifference).toBe(0.2);
    expect(one.low).toBeNull();
    const same = pairedDifferenceTest([0.1, 0.1, 0.1]);
    expect(same.effectSize).toBeNull();
    expect(same.tP).toBe(0);
    expect(pairedDifferenceTest([0, 0, 0]).tP).toBe(1);
  });
  it("beyond 20 seeds samples sign vectors, close to the t-test", () => {
    const rng = createRng(3);
    const d = Array.from({ length: 30 }, () => rng.next() - 0.4);
    const r = pairedDifferenceTest(d);
    expect(Math.abs(r.exactP! - r.tP!)).toBeLessThan(0.03);
  });
});

describe("holm and slope", () => {
  it("Holm's step-down adjustment by hand", () => {
    // sorted 0.01·4 = 0.04, 0.03·3 = 0.09, 0.04·2 = 0.08 → 0.09 (monotone), 0.2·1
    const out = holm([0.01, 0.04, 0.03, 0.2]);
    expect(out[0]).toBeCloseTo(0.04, 12);
    expect(out[1]).toBeCloseTo(0.09, 12);
    expect(out[2]).toBeCloseTo(0.09, 12);
    expect(out[3]).toBeCloseTo(0.2, 12);
    expect(holm([0.5, null, 0.6])).toEqual([1, null, 1]);
  });
  it("slope is least squares", () => {
    expect(slope([1, 2, 3, 4], [1, 3, 5, 7])).toBeCloseTo(2, 12);
    expect(slope([1, 2, 3], [2, 1, 3])).toBeCloseTo(0.5, 12);
    expect(slope([1], [1])).toBeNull();
  });
});
