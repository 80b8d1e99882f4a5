import { describe, expect, it } from "vitest";
import { jsOfCounts, klOfCounts } from "../../../electron/core/metrics/divergence";
import { counts, klDivergence } from "../../../electron/core/metrics/basicMetrics";

describe("klOfCounts", () => {
  it("smooths both sides by 0.5 on the union vocabulary", () => {
    // P = a1 b2 c1 d1, Q = a2 b2 c1 d0 → +0.5: P 1.5 2.5 1.5 1.5 (Σ 7), Q 2.5 2.5 1.5 0.5 (Σ 7)
    // KL = 1.5/7·ln(1.5/2.5) + 0 + 0 + 1.5/7·ln(1.5/0.5) = −0.10946 + 0.23542 = 0.12595
    expect(klOfCounts([1, 2, 1, 1], [2, 2, 1, 0])).toBeCloseTo(0.125954, 6);
  });

  it("ignores indices outside the union (0 on both sides), so a wider dense vector changes nothing", () => {
    expect(klOfCounts([1, 2, 0, 1, 1, 0], [2, 2, 0, 1, 0, 0])).toBeCloseTo(klOfCounts([1, 2, 1, 1], [2, 2, 1, 0])!, 12);
  });

  it("is 0 for identical distributions, even of different sizes", () => {
    expect(klOfCounts([3, 1, 2], [3, 1, 2])).toBe(0);
    // 2.5 2.5 vs 5.5 5.5 after smoothing: the same distribution
    expect(klOfCounts([2, 2], [5, 5])).toBeCloseTo(0, 12);
  });

  it("disjoint vocabularies: P a1.5 b1.5 x.5 y.5, Q the reverse (Σ 4 each) → 2·(1.5/4)ln3 + 2·(.5/4)ln(1/3) = ½ln3", () => {
    expect(klOfCounts([1, 1, 0, 0], [0, 0, 1, 1])).toBeCloseTo(0.5 * Math.log(3), 12);
  });

  it("is null when either side is empty", () => {
    expect(klOfCounts([0, 0], [1, 2])).toBeNull();
    expect(klOfCounts([1, 2], [0, 0])).toBeNull();
    expect(klOfCounts([], [])).toBeNull();
  });

  it("the Map form over word counts is the same function", () => {
    // P: x2 y1 (Σ+1 → 2.5 1.5 0.5 = 4.5), Q: y1 z1 (0.5 1.5 1.5 = 3.5)
    const expected =
      (2.5 / 4.5) * Math.log(2.5 / 4.5 / (0.5 / 3.5)) + (1.5 / 4.5) * Math.log(1.5 / 4.5 / (1.5 / 3.5)) + (0.5 / 4.5) * Math.log(0.5 / 4.5 / (1.5 / 3.5));
    expect(klDivergence(counts(["x", "x", "y"]), counts(["y", "z"]))).toBeCloseTo(expected, 12);
  });
});

describe("jsOfCounts", () => {
  it("is in bits, unsmoothed", () => {
    // P = .2 .4 .2 .2, Q = .4 .4 .2 0, M = .3 .4 .2 .1
    // ½[.2·log2(.2/.3) + .2·log2(.2/.1)] + ½[.4·log2(.4/.3)] = ½(−.116993 + .2) + ½(.166015) = .124511
    expect(jsOfCounts([1, 2, 1, 1], [2, 2, 1, 0])).toBeCloseTo(0.1245112, 6);
  });

  it("is 0 for proportional counts and 1 for disjoint supports", () => {
    expect(jsOfCounts([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 12);
    expect(jsOfCounts([1, 1, 0, 0], [0, 0, 3, 1])).toBe(1);
  });

  it("is symmetric and null on an empty side", () => {
    expect(jsOfCounts([1, 5, 2], [4, 0, 1])).toBeCloseTo(jsOfCounts([4, 0, 1], [1, 5, 2])!, 12);
    expect(jsOfCounts([0, 0], [1, 0])).toBeNull();
  });
});
