/**
 * The text as the label matcher sees it (doc §8.1 step 1), with a map back to the original:
 * NFKC, Unicode dashes → "-", odd spaces → " ", and Cyrillic look-alike letters folded to Latin
 * only inside tokens that mix Latin and Cyrillic ("ЕU-ТIRАDS"), never in pure Russian words
 * ("ТАБ" stays).
 */
export type MatchView = { text: string; /** view index → original index */ toOriginal: (i: number) => number };

const DASHES = /[\u2010-\u2015\u2212]/g;
const SPACES = /[\u00a0\u2009\u202f\u2007\u2002-\u2006\u200a]/g;
const LOOKALIKE: Record<string, string> = {
  Е: "E",
  Т: "T",
  І: "I",
  А: "A",
  Ѕ: "S",
  О: "O",
  Р: "P",
  С: "C",
  Х: "X",
  К: "K",
  М: "M",
  Н: "H",
  В: "B",
  е: "e",
  т: "t",
  і: "i",
  а: "a",
  ѕ: "s",
  о: "o",
  р: "p",
  с: "c",
  х: "x",
  к: "k",
  м: "m",
  н: "h",
};
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN_RUN = /[A-Za-z]+/g;
const LETTER = /\p{L}/u;

/** Folds the letter runs that hold both Latin and Cyrillic letters; only runs around Latin letters can. */
function foldMixedTokens(text: string): string {
  let out = text;
  let searchFrom = 0;
  for (const m of text.matchAll(LATIN_RUN)) {
    if (m.index < searchFrom) continue;
    let start = m.index;
    let end = m.index + m[0].length;
    while (start > 0 && LETTER.test(text[start - 1]!)) start--;
    while (end < text.length && LETTER.test(text[end]!)) end++;
    searchFrom = end;
    const token = text.slice(start, end);
    if (!CYRILLIC.test(token)) continue;
    let foldable = true;
    for (const ch of token) if (CYRILLIC.test(ch) && !(ch in LOOKALIKE)) foldable = false;
    if (foldable) out = out.slice(0, start) + [...token].map((ch) => LOOKALIKE[ch] ?? ch).join("") + out.slice(end);
  }
  return out;
}

/** Same-length rewrites only, so offsets need no map. */
function sameLength(text: string): string {
  return foldMixedTokens(text.replace(DASHES, "-").replace(SPACES, " "));
}

export function buildMatchView(original: string): MatchView {
  const nfkc = nfkcByCodePoint(original);
  return { text: sameLength(nfkc.text), toOriginal: nfkc.toOriginal };
}

/** NFKC applied to each code point on its own (a space where that is empty), with the map back. */
export function nfkcByCodePoint(original: string): MatchView {
  // The common case: NFKC changes nothing, so view offsets are original offsets.
  if (original.normalize("NFKC") === original) return { text: original, toOriginal: (i) => i };
  // Each code point is normalised on its own (its NFKC, a space where that is empty); the runs of
  // code points NFKC keeps are copied whole, so a long text with one "³" costs one lookup per code point.
  const parts: string[] = [];
  const origin: number[] = [];
  let kept = 0;
  for (let i = 0, width = 1; i < original.length; i += width) {
    const codePoint = original.codePointAt(i)!;
    width = codePoint > 0xffff ? 2 : 1;
    const mapped = nfkcOfCodePoint(codePoint);
    if (mapped === null) {
      for (let k = 0; k < width; k++) origin.push(i);
      continue;
    }
    parts.push(original.slice(kept, i), mapped);
    kept = i + width;
    for (let k = 0; k < mapped.length; k++) origin.push(i);
  }
  parts.push(original.slice(kept));
  origin.push(original.length);
  return { text: parts.join(""), toOriginal: (i) => origin[i]! };
}

/** Per BMP code point: 0 not yet asked, 1 NFKC keeps it, 2 NFKC changes it (changed[] holds to what). */
const bmpKind = new Uint8Array(0x10000);
const changed = new Map<number, string | null>();

/** A code point's NFKC on its own (a space where that is empty), or null where NFKC keeps it. */
function nfkcOfCodePoint(codePoint: number): string | null {
  if (codePoint <= 0xffff && bmpKind[codePoint] === 1) return null;
  let mapped = changed.get(codePoint);
  if (mapped === undefined) {
    const ch = String.fromCodePoint(codePoint);
    const nfkc = ch.normalize("NFKC") || " ";
    mapped = nfkc === ch ? null : nfkc;
    if (codePoint <= 0xffff) bmpKind[codePoint] = mapped === null ? 1 : 2;
    if (mapped !== null || codePoint > 0xffff) changed.set(codePoint, mapped);
  }
  return mapped;
}
