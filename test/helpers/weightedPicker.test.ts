import { describe, expect, it } from "vitest";
import { createRng } from "../../electron/shared/random";
import { weightedPicker } from "./weightedPicker";

describe("weightedPicker", () => {
  it("picks what rng.weighted picks from the same stream, zero weights included", () => {
    const items = Array.from({ length: 500 }, (_, i) => [i, i % 7 === 3 ? 0 : 1 / (i + 1)] as const);
    const pick = weightedPicker(items);
    const [a, b] = [createRng(5), createRng(5)];
    const picked = Array.from({ length: 20_000 }, () => pick(a));
    expect(picked).toEqual(Array.from({ length: 20_000 }, () => b.weighted(items)));
    expect(new Set(picked).size).toBeGreaterThan(300);
  });

  it("refuses an empty list and a zero total", () => {
    expect(() => weightedPicker([])).toThrow(/at least one item/);
    expect(() => weightedPicker([["a", 0]])).toThrow(/positive total weight/);
  });
});
