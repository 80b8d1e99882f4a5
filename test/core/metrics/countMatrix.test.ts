import { describe, expect, it } from "vitest";
import { countMatrix, countNonZero, weightedRowSum } from "../../../electron/core/metrics/countMatrix";
import { NgramSpace } from "../../../electron/core/metrics/NgramSpace";
import { rowWeights, textRows } from "../../../electron/core/metrics/textRows";
import { presentIds, rowsOfIds } from "../../../electron/core/metrics/rowsOfIds";
import { counts, ngrams } from "../../../electron/core/metrics/basicMetrics";
import { wordTokens } from "../../../electron/shared/text/wordTokens";

describe("countMatrix and weightedRowSum", () => {
  // rows: a b a → a2 b1; (empty); b c → b1 c1   (a = 0, b = 1, c = 2)
  const m = countMatrix([Int32Array.from([0, 1, 0]), new Int32Array(0), Int32Array.from([1, 2])]);

  it("keeps per-row counts, ids in order of first occurrence", () => {
    expect([...m.offsets]).toEqual([0, 2, 2, 4]);
    expect([...m.ids]).toEqual([0, 1, 1, 2]);
    expect([...m.counts]).toEqual([2, 1, 1, 1]);
  });

  it("sums rows by weight; the non-zero entries are the distinct types", () => {
    const out = new Int32Array(3);
    // row 0 twice (a4 b2), row 2 once (b1 c1) → a4 b3 c1, 3 types, 8 tokens
    expect(weightedRowSum(m, Int32Array.from([2, 5, 1]), out)).toBe(8);
    expect([...out]).toEqual([4, 3, 1]);
    expect(countNonZero(out)).toBe(3);
    // only row 2: a must be reset to 0, not kept from the last sum
    expect(weightedRowSum(m, Int32Array.from([0, 0, 1]), out)).toBe(2);
    expect([...out]).toEqual([0, 1, 1]);
    expect(countNonZero(out)).toBe(2);
  });
});

describe("NgramSpace and textRows", () => {
  it("shares one id space between texts, so the same n-gram has the same id everywhere", () => {
    const space = new NgramSpace();
    const a = space.gramIds(space.tokenIds("x y z"), 2);
    const b = space.gramIds(space.tokenIds("Y Z w"), 2);
    // "x y" = 0, "y z" = 1, "z w" = 2
    expect([...a]).toEqual([0, 1]);
    expect([...b]).toEqual([1, 2]);
    expect(space.width(1)).toBe(4);
    expect(space.width(2)).toBe(3);
  });

  it("groups identical texts into one row and counts n-grams as the string functions do", () => {
    const texts = ["узел справа узел справа", "узлов нет", "узел справа узел справа", "узел"];
    const space = new NgramSpace();
    const rows = textRows(texts, space, [1, 2, 3]);
    expect(rows.rows).toBe(3);
    expect([...rows.rowOf]).toEqual([0, 1, 0, 2]);
    expect([...rowWeights(rows, Int32Array.from([1, 0, 2, 1]), new Int32Array(3))]).toEqual([3, 0, 1]);
    for (let n = 1; n <= 3; n++) {
      const out = new Int32Array(space.width(n));
      const total = weightedRowSum(rows.byOrder[n]!, rowWeights(rows, null, new Int32Array(3)), out);
      const types = countNonZero(out);
      const expected = counts(texts.flatMap((t) => ngrams(wordTokens(t), n)));
      expect(types, `order ${n}`).toBe(expected.size);
      expect(total, `order ${n}`).toBe([...expected.values()].reduce((x, y) => x + y, 0));
      expect([...out].filter((x) => x > 0).sort(), `order ${n}`).toEqual([...expected.values()].sort());
    }
  });
});

describe("rowsOfIds and presentIds", () => {
  it("counts the ids that occur in a row of positive weight", () => {
    // rows: {0, 1}, {}, {1, 2}, {3}
    const m = countMatrix([Int32Array.from([0, 1, 0]), new Int32Array(0), Int32Array.from([1, 2]), Int32Array.from([3])]);
    const t = rowsOfIds(m, 5);
    expect([...t.offsets]).toEqual([0, 1, 3, 4, 5, 5]);
    expect([...t.rows]).toEqual([0, 0, 2, 2, 3]);
    expect(presentIds(t, Int32Array.from([1, 1, 1, 1]))).toBe(4);
    expect(presentIds(t, Int32Array.from([0, 3, 2, 0]))).toBe(2); // ids 1, 2
    expect(presentIds(t, Int32Array.from([2, 0, 0, 0]))).toBe(2); // ids 0, 1
    expect(presentIds(t, new Int32Array(4))).toBe(0);
  });
});
