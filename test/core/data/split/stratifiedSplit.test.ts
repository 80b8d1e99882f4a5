import { describe, expect, it } from "vitest";
import { allocate, stratifiedSplit } from "../../../../electron/core/data/split/stratifiedSplit";

function items(n: number) {
  // categories with a long tail, as in reports: many 3s, few 5s, some unlabelled
  const cats = [3, 3, 3, 3, 3, 4, 4, 2, 5, null] as const;
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, sortKey: `k${(i * 7919) % n}`, stratum: cats[i % cats.length]! }));
}

describe("stratifiedSplit", () => {
  it("allocates exactly n with largest remainders", () => {
    expect(allocate(10, { train: 0.7, val: 0.15, test: 0.15 })).toEqual({ train: 7, val: 2, test: 1 });
    expect(allocate(7286, { train: 0.7, val: 0.15, test: 0.15 })).toEqual({ train: 5100, val: 1093, test: 1093 });
    expect(allocate(0, { train: 0.7, val: 0.15, test: 0.15 })).toEqual({ train: 0, val: 0, test: 0 });
  });

  it("is reproducible from the seed and independent of input order", () => {
    const a = stratifiedSplit(items(1000), 42);
    const b = stratifiedSplit(items(1000).reverse(), 42);
    expect([...a].sort((x, y) => x[0] - y[0])).toEqual([...b].sort((x, y) => x[0] - y[0]));
    const c = stratifiedSplit(items(1000), 43);
    expect([...c].sort((x, y) => x[0] - y[0])).not.toEqual([...a].sort((x, y) => x[0] - y[0]));
  });

  it("keeps each category's share in every part (70/15/15 within one record)", () => {
    const all = items(2000);
    const split = stratifiedSplit(all, 7);
    for (const cat of [2, 3, 4, 5, null]) {
      const ids = all.filter((x) => x.stratum === cat).map((x) => x.id);
      const parts = { train: 0, val: 0, test: 0 };
      for (const id of ids) parts[split.get(id)!]++;
      expect(Math.abs(parts.train - ids.length * 0.7)).toBeLessThanOrEqual(1);
      expect(Math.abs(parts.val - ids.length * 0.15)).toBeLessThanOrEqual(1);
      expect(Math.abs(parts.test - ids.length * 0.15)).toBeLessThanOrEqual(1);
    }
    expect(split.size).toBe(2000);
  });

  it("rejects bad ratios", () => {
    expect(() => stratifiedSplit(items(10), 1, { train: -1, val: 1, test: 1 })).toThrow(/non-negative/);
    expect(() => stratifiedSplit(items(10), 1, { train: 0, val: 0, test: 0 })).toThrow(/zero/);
  });
});
