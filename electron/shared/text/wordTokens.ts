/**
 * The product's one definition of a word token (docs/metrics.md): lowercase NFC text split into
 * maximal runs of Unicode letters or digits ([\p{L}\p{N}]+ by code point). Used by corpus
 * statistics and every text metric.
 */
export function wordTokens(text: string): string[] {
  const folded = foldForWords(text);
  const spans = shared.scan(folded);
  const out = new Array<string>(spans.count);
  for (let k = 0; k < spans.count; k++) out[k] = folded.slice(spans.offsets[2 * k]!, spans.offsets[2 * k + 1]!);
  return out;
}

/** The text whose runs of letters and digits are the word tokens. */
export function foldForWords(text: string): string {
  return text.normalize("NFC").toLowerCase();
}

/**
 * Where the word tokens of a folded text lie, found by a scan over char codes, not a regex: the
 * metrics intern a token straight from its characters, without the substring whose allocation
 * and hashing were most of their preparation time on long texts.
 */
export class WordSpans {
  /** token k is folded.slice(offsets[2k], offsets[2k + 1]), k < count */
  offsets = new Int32Array(256);
  count = 0;

  /** The spans of a folded text (foldForWords), replacing the previous ones. */
  scan(folded: string): this {
    const length = folded.length;
    if (this.offsets.length < length + 2) this.offsets = new Int32Array(2 * length + 2);
    const offsets = this.offsets;
    let n = 0;
    let start = -1;
    for (let i = 0; i < length;) {
      const c = folded.charCodeAt(i);
      const pair = (c & 0xfc00) === 0xd800 && i + 1 < length && (folded.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const word = pair ? isAstralWordChar(folded.codePointAt(i)!) : isWordUnit(c);
      if (word) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        offsets[n++] = start;
        offsets[n++] = i;
        start = -1;
      }
      i += pair ? 2 : 1;
    }
    if (start >= 0) {
      offsets[n++] = start;
      offsets[n++] = length;
    }
    this.count = n >> 1;
    return this;
  }
}

const shared = new WordSpans();
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
/** Per UTF-16 code unit: 0 not yet asked, 1 a letter or digit, 2 not (a lone surrogate is not). */
const unitKind = new Uint8Array(0x10000);

function isWordUnit(c: number): boolean {
  let kind = unitKind[c]!;
  if (kind === 0) unitKind[c] = kind = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return kind === 1;
}

const astralKind = new Map<number, boolean>();

function isAstralWordChar(codePoint: number): boolean {
  let word = astralKind.get(codePoint);
  if (word === undefined) astralKind.set(codePoint, (word = WORD_CHAR.test(String.fromCodePoint(codePoint))));
  return word;
}
