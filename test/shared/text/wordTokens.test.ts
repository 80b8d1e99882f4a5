import { describe, expect, it } from "vitest";
import { wordTokens } from "../../../electron/shared/text/wordTokens";
import { createRng } from "../../../electron/shared/random";

/** The definition as a regex (docs/metrics.md): the scanner must split exactly as this does. */
const reference = (text: string) =>
  text
    .normalize("NFC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

describe("wordTokens", () => {
  it("splits lowercase NFC text into runs of letters and digits", () => {
    expect(wordTokens("EU-TIRADS 3, узел 2,5х1,3 см.")).toEqual(["eu", "tirads", "3", "узел", "2", "5х1", "3", "см"]);
    expect(wordTokens("")).toEqual([]);
    expect(wordTokens(" — ")).toEqual([]);
    expect(wordTokens("е\u0308ж")).toEqual(["ёж"]); // NFC composes ё
  });

  it("equals the regex definition on astral letters, lone surrogates, marks, other scripts' digits and case rules", () => {
    const pieces = [
      "𝐀𝐁",
      "😀",
      "\ud800",
      "\udc00",
      "\ud835",
      "е\u0308",
      "\u0301",
      "ΟΔΟΣ",
      "İ",
      "ß",
      "Ⅻ",
      "٣",
      "x²",
      "½",
      "ﬁ",
      "EU-TIRADS",
      "4",
      " ",
      ",",
      "узел",
      "\u00a0",
      "\u200b",
      "_",
      "a\u0300",
    ];
    const rng = createRng(4);
    const texts = Array.from({ length: 2000 }, () => Array.from({ length: 1 + rng.int(10) }, () => rng.pick(pieces)).join(rng.chance(0.5) ? "" : " "));
    for (const text of texts) expect(wordTokens(text), JSON.stringify(text)).toEqual(reference(text));
  });
});
