/**
 * Word counts of weighted rows from their bigram counts: every token but a text's last starts
 * exactly one bigram, so count(w) = Σ of the bigram counts with first word w + the weights of the
 * rows whose last word is w. Exact integers, and it touches the bigram vector and one entry per
 * row instead of every (row, word) pair: a resample's unigram sums for almost nothing.
 * out is zeroed first; returns the total.
 */
export function unigramsFromBigrams(bigrams: Int32Array, firstWordOf: Int32Array, lastWord: Int32Array, rowWeights: Int32Array, out: Int32Array): number {
  out.fill(0);
  let total = 0;
  for (let b = 0; b < bigrams.length; b++) {
    const k = bigrams[b]!;
    if (k === 0) continue;
    out[firstWordOf[b]!]! += k;
    total += k;
  }
  for (let r = 0; r < lastWord.length; r++) {
    const w = rowWeights[r]!;
    const last = lastWord[r]!;
    if (w === 0 || last < 0) continue;
    out[last]! += w;
    total += w;
  }
  return total;
}
