/**
 * One sparse count vector per row (compressed rows): row r holds ids[offsets[r]..offsets[r+1])
 * with their counts. Texts are tokenised and interned once; a bootstrap resample is then only a
 * weighted sum of rows.
 */
export type CountMatrix = { rows: number; offsets: Int32Array; ids: Int32Array; counts: Int32Array };

/** The count vectors of rows given as lists of ids (any order, repeats counted). */
export function countMatrix(rows: readonly Int32Array[]): CountMatrix {
  const offsets = new Int32Array(rows.length + 1);
  let nnz = 0;
  const sorted = rows.map((r) => {
    const s = r.slice().sort();
    for (let k = 0; k < s.length; k++) if (k === 0 || s[k] !== s[k - 1]) nnz++;
    return s;
  });
  const ids = new Int32Array(nnz);
  const counts = new Int32Array(nnz);
  let at = -1;
  sorted.forEach((s, r) => {
    for (let k = 0; k < s.length; k++) {
      if (k === 0 || s[k] !== s[k - 1]) ids[++at] = s[k]!;
      counts[at]!++;
    }
    offsets[r + 1] = at + 1;
  });
  return { rows: rows.length, offsets, ids, counts };
}

/**
 * out = Σ_r weights[r] · row r (out is zeroed first and must span the ids). Returns the number of
 * ids that became non-zero (the distinct types) and the total. Integer counts: half the memory
 * traffic of doubles, and this loop is the bootstrap's cost.
 */
export function weightedRowSum(m: CountMatrix, weights: Int32Array, out: Int32Array): { types: number; total: number } {
  out.fill(0);
  let types = 0;
  let total = 0;
  const { offsets, ids, counts: c } = m;
  for (let r = 0; r < m.rows; r++) {
    const w = weights[r]!;
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
