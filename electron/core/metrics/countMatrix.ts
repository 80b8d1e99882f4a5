import { counts, ngrams } from "./basicMetrics";

/** Interns strings (words, n-grams, whole outputs) to dense integer ids, so sums run on typed arrays. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }

  get size(): number {
    return this.ids.size;
  }
}

/**
 * One sparse count vector per sample (compressed rows): row r holds ids[offsets[r]..offsets[r+1])
 * with their counts. Texts are tokenised and interned once; a bootstrap resample is then only a
 * weighted sum of rows.
 */
export type CountMatrix = { rows: number; offsets: Int32Array; ids: Int32Array; counts: Int32Array };

/** The word n-gram counts of every tokenised text, interned in `vocabulary`. */
export function ngramMatrix(tokenized: readonly (readonly string[])[], n: number, vocabulary: Vocabulary): CountMatrix {
  const offsets = new Int32Array(tokenized.length + 1);
  const ids: number[] = [];
  const cnt: number[] = [];
  tokenized.forEach((tokens, r) => {
    for (const [gram, c] of counts(ngrams(tokens, n))) {
      ids.push(vocabulary.idOf(gram));
      cnt.push(c);
    }
    offsets[r + 1] = ids.length;
  });
  return { rows: tokenized.length, offsets, ids: Int32Array.from(ids), counts: Int32Array.from(cnt) };
}

/**
 * out = Σ_r weights[r] · row r (out is zeroed first and must span the vocabulary); weights null =
 * every row once. Returns the number of ids that became non-zero (the distinct types) and the total.
 */
export function weightedRowSum(m: CountMatrix, weights: Int32Array | null, out: Float64Array): { types: number; total: number } {
  out.fill(0);
  let types = 0;
  let total = 0;
  const { offsets, ids, counts: c } = m;
  for (let r = 0; r < m.rows; r++) {
    const w = weights ? weights[r]! : 1;
    if (w === 0) continue;
    for (let k = offsets[r]!, end = offsets[r + 1]!; k < end; k++) {
      const id = ids[k]!;
      if (out[id] === 0) types++;
      const add = w * c[k]!;
      out[id]! += add;
      total += add;
    }
  }
  return { types, total };
}
