import { describe, expect, it } from "vitest";
import { nfkcByCodePoint } from "../../../../electron/core/data/tirads/matchView";
import { createRng } from "../../../../electron/shared/random";

/** The per-code-point NFKC as first written (one normalize call per code point): the reference the faster one must equal. */
function reference(original: string): { text: string; origin: number[] } {
  if (original.normalize("NFKC") === original) return { text: original, origin: Array.from({ length: original.length + 1 }, (_, i) => i) };
  let text = "";
  const origin: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const ch = String.fromCodePoint(original.codePointAt(i)!);
    const mapped = ch.normalize("NFKC") || " ";
    for (let k = 0; k < mapped.length; k++) origin.push(i);
    text += mapped;
    i += ch.length - 1;
  }
  origin.push(original.length);
  return { text, origin };
}

describe("nfkcByCodePoint (the match view before its same-length rewrites)", () => {
  it("maps each code point on its own, with offsets back into the original, as the reference does", () => {
    // superscripts, ligatures, fullwidth and astral letters, combining marks, Hangul jamo, lone surrogates, odd spaces
    const pieces = [
      "см³",
      "ﬁ",
      "ＥＵ－ＴＩＲＡＤＳ",
      "𝐀",
      "😀",
      "е\u0308",
      "\u1100\u1161",
      "\ud800",
      "\udc00",
      "\u00a0",
      "\u2009",
      "½",
      "Å",
      "EU-TIRADS 4",
      "узел ",
      "ТIRАDS",
      " ",
    ];
    const rng = createRng(9);
    const texts = ["", "³", "x³y", "\u2126", ...Array.from({ length: 400 }, () => Array.from({ length: 1 + rng.int(12) }, () => rng.pick(pieces)).join(""))];
    let changed = 0;
    for (const text of texts) {
      const expected = reference(text);
      const view = nfkcByCodePoint(text);
      expect(view.text, JSON.stringify(text)).toBe(expected.text);
      expect(
        Array.from({ length: view.text.length + 1 }, (_, i) => view.toOriginal(i)),
        JSON.stringify(text),
      ).toEqual(expected.origin);
      if (view.text !== text) changed++;
    }
    expect(changed).toBeGreaterThan(200);
  });
});
