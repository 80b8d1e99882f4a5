import { describe, expect, it } from "vitest";
import { WordIds } from "../../../electron/core/metrics/WordIds";

describe("WordIds", () => {
  it("gives dense ids in order of first sight, the same id to the same characters wherever they lie", () => {
    const ids = new WordIds();
    const text = "узел узелок x узел";
    expect(ids.idOf(text, 0, 4)).toBe(0); // узел
    expect(ids.idOf(text, 5, 11)).toBe(1); // узелок
    expect(ids.idOf(text, 5, 9)).toBe(0); // the узел inside узелок
    expect(ids.idOf(text, 12, 13)).toBe(2);
    expect(ids.idOf("xx", 1, 2)).toBe(2);
    expect(ids.idOf("", 0, 0)).toBe(3); // the empty span is a word too, should a caller ask
    expect(ids.size).toBe(4);
  });

  it("agrees with a Map through growth of its table and pool", () => {
    const ids = new WordIds();
    const reference = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const word = `w${(i * 7919) % 20_000}${"я".repeat(i % 5)}`;
      if (!reference.has(word)) reference.set(word, reference.size);
      const text = `. ${word} .`;
      expect(ids.idOf(text, 2, 2 + word.length)).toBe(reference.get(word));
    }
    expect(ids.size).toBe(reference.size);
  });
});
