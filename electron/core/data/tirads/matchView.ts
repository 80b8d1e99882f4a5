/**
 * The text as the label matcher sees it (doc §8.1 step 1), with a map back to the original:
 * NFKC per character, Unicode dashes → "-", odd spaces → " ", and Cyrillic look-alike letters
 * folded to Latin only inside tokens that mix Latin and Cyrillic ("ЕU-ТIRАDS"), never in pure
 * Russian words ("ТАБ" stays).
 */
export type MatchView = { text: string; /** view index → original index */ origin: number[] };

const DASHES = /[\u2010-\u2015\u2212]/;
const SPACES = /[\u00a0\u2009\u202f\u2007\u2002-\u2006\u200a]/;
const LOOKALIKE: Record<string, string> = {
  Е: "E", Т: "T", І: "I", А: "A", Ѕ: "S", О: "O", Р: "P", С: "C", Х: "X", К: "K", М: "M", Н: "H", В: "B",
  е: "e", т: "t", і: "i", а: "a", ѕ: "s", о: "o", р: "p", с: "c", х: "x", к: "k", м: "m", н: "h",
};
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[A-Za-z]/;

export function buildMatchView(original: string): MatchView {
  let text = "";
  const origin: number[] = [];
  for (let i = 0; i < original.length; i++) {
    const code = original.codePointAt(i)!;
    const ch = String.fromCodePoint(code);
    const width = ch.length;
    let mapped = DASHES.test(ch) ? "-" : SPACES.test(ch) ? " " : ch.normalize("NFKC");
    if (mapped.length === 0) mapped = " ";
    for (let k = 0; k < mapped.length; k++) origin.push(i);
    text += mapped;
    i += width - 1;
  }
  origin.push(original.length);
  return { text: foldMixedTokens(text), origin };
}

function foldMixedTokens(text: string): string {
  return text.replace(/[\p{L}]+/gu, (token) => {
    if (!CYRILLIC.test(token) || !LATIN.test(token)) return token;
    for (const ch of token) if (CYRILLIC.test(ch) && !(ch in LOOKALIKE)) return token;
    return [...token].map((ch) => LOOKALIKE[ch] ?? ch).join("");
  });
}
