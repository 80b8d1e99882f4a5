/**
 * The product's one definition of a word token (docs/metrics.md): lowercase NFC text split into
 * maximal runs of Unicode letters or digits. Used by corpus statistics and every text metric.
 */
const WORD = /[\p{L}\p{N}]+/gu;

export function wordTokens(text: string): string[] {
  return text.normalize("NFC").toLowerCase().match(WORD) ?? [];
}
