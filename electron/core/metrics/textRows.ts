import type { NgramSpace } from "./NgramSpace";
import { countMatrix, type CountMatrix } from "./countMatrix";

/**
 * Texts grouped by identity: one matrix row per distinct text (byOrder[n]: the n-gram counts, for
 * the orders asked for), rowOf[i] the row of text i. Collapsed generations repeat outputs, so
 * this also saves work. lastWord[r]: the word id of row r's last token, −1 for a text without tokens.
 */
export type TextRows = { rowOf: Int32Array; rows: number; byOrder: Partial<Record<number, CountMatrix>>; lastWord: Int32Array };

export function textRows(texts: readonly string[], space: NgramSpace, orders: readonly number[]): TextRows {
  const rowOfText = new Map<string, number>();
  const rowOf = Int32Array.from(texts, (t) => {
    let r = rowOfText.get(t);
    if (r === undefined) rowOfText.set(t, (r = rowOfText.size));
    return r;
  });
  const tokens = [...rowOfText.keys()].map((t) => space.tokenIds(t));
  const byOrder: Partial<Record<number, CountMatrix>> = {};
  let grams = tokens;
  for (let n = 1; n <= Math.max(...orders); n++) {
    if (n > 1) grams = grams.map((prefixes, r) => space.extend(prefixes, tokens[r]!, n));
    if (orders.includes(n)) byOrder[n] = countMatrix(grams);
  }
  return { rowOf, rows: rowOfText.size, byOrder, lastWord: Int32Array.from(tokens, (t) => (t.length ? t[t.length - 1]! : -1)) };
}

/** The weight of each row: the sum of its texts' weights (null weights: each text once). */
export function rowWeights(t: TextRows, weights: Int32Array | null, out: Int32Array): Int32Array {
  out.fill(0);
  const { rowOf } = t;
  if (!weights) for (let i = 0; i < rowOf.length; i++) out[rowOf[i]!]!++;
  else for (let i = 0; i < rowOf.length; i++) out[rowOf[i]!]! += weights[i]!;
  return out;
}
