import { describe, expect, it } from "vitest";
import { PairIds } from "../../../electron/core/metrics/PairIds";

describe("PairIds", () => {
  it("gives dense ids in order of first sight and keeps each id's first member, through growth", () => {
    const ids = new PairIds();
    const reference = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const a = (i * 7919) % 3000;
      const b = (i * 104_729) % 17;
      const key = `${a} ${b}`;
      if (!reference.has(key)) reference.set(key, reference.size);
      expect(ids.idOf(a, b)).toBe(reference.get(key));
    }
    expect(ids.size).toBe(reference.size);
    expect([...ids.firstOfEach()]).toEqual([...reference.keys()].map((k) => Number(k.split(" ")[0])));
  });
});
