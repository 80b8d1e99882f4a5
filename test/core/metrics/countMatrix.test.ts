import { describe, expect, it } from "vitest";
import { Vocabulary, ngramMatrix, weightedRowSum } from "../../../electron/core/metrics/countMatrix";

describe("ngramMatrix and weightedRowSum", () => {
  const vocabulary = new Vocabulary();
  const m = ngramMatrix([["a", "b", "a"], [], ["b", "c"]], 1, vocabulary);

  it("interns every type once and keeps per-sample counts", () => {
    expect(vocabulary.size).toBe(3);
    expect([...m.offsets]).toEqual([0, 2, 2, 4]);
    expect([...m.counts]).toEqual([2, 1, 1, 1]);
  });

  it("sums rows by weight and counts the types that became non-zero", () => {
    const out = new Float64Array(vocabulary.size);
    // sample 0 twice (a4 b2), sample 2 once (b1 c1) → a4 b3 c1, 3 types, 8 tokens
    expect(weightedRowSum(m, Int32Array.from([2, 5, 1]), out)).toEqual({ types: 3, total: 8 });
    expect([...out]).toEqual([4, 3, 1]);
    // only sample 2: a must be reset to 0, not kept from the last sum
    expect(weightedRowSum(m, Int32Array.from([0, 0, 1]), out)).toEqual({ types: 2, total: 2 });
    expect([...out]).toEqual([0, 1, 1]);
  });

  it("shares one id space between matrices built on the same vocabulary", () => {
    const v = new Vocabulary();
    ngramMatrix([["x y z"]].map((t) => t[0]!.split(" ")), 2, v);
    const second = ngramMatrix([["y", "z", "w"]], 2, v);
    // "x y"=0, "y z"=1, "z w"=2
    expect([...second.ids]).toEqual([1, 2]);
  });
});
