/**
 * One sparse count vector per row (compressed rows): row r holds ids[offsets[r]..offsets[r+1])
 * with their counts. Texts are tokenised and interned once; a bootstrap resample is then only a
 * weighted sum of rows.
 */
export type CountMatrix = { rows: number; offsets: Int32Array; ids: Int32Array; counts: Int32Array; rowTotals: Int32Array };

/** The count vectors of rows given as lists of ids (repeats counted; ids in order of first occurrence). */
export function countMatrix(rows: readonly Int32Array[]): CountMatrix {
  let width = 0;
  let length = 0;
  for (const r of rows) {
    length += r.length;
    for (let k = 0; k < r.length; k++) if (r[k]! >= width) width = r[k]! + 1;
  }
  // slotOf[id] is where id's count sits in the current row; seenIn marks the row (1-based) that set it
  const slotOf = new Int32Array(width);
  const seenIn = new Int32Array(width);
  const ids = new Int32Array(length);
  const counts = new Int32Array(length);
  const offsets = new Int32Array(rows.length + 1);
  let nnz = 0;
  rows.forEach((r, row) => {
    for (let k = 0; k < r.length; k++) {
      const id = r[k]!;
      if (seenIn[id] !== row + 1) {
        seenIn[id] = row + 1;
        slotOf[id] = nnz;
        ids[nnz++] = id;
      }
      counts[slotOf[id]!]!++;
    }
    offsets[row + 1] = nnz;
  });
  return { rows: rows.length, offsets, ids: ids.slice(0, nnz), counts: counts.slice(0, nnz), rowTotals: Int32Array.from(rows, (r) => r.length) };
}

/**
 * out = Σ_r weights[r] · row r (out is zeroed first and must span the ids); returns the total.
 * Integer counts and a branch-free inner loop: this loop is the bootstrap's cost.
 */
export function weightedRowSum(m: CountMatrix, weights: Int32Array, out: Int32Array): number {
  out.fill(0);
  let total = 0;
  const { offsets, ids, counts: c, rowTotals } = m;
  for (let r = 0; r < m.rows; r++) {
    const w = weights[r]!;
    if (w === 0) continue;
    total += w * rowTotals[r]!;
    const end = offsets[r + 1]!;
    if (w === 1) for (let k = offsets[r]!; k < end; k++) out[ids[k]!]! += c[k]!;
    else for (let k = offsets[r]!; k < end; k++) out[ids[k]!]! += w * c[k]!;
  }
  return total;
}

/** The number of non-zero entries: the distinct types of a summed count vector. */
export function countNonZero(v: Int32Array): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) n++;
  return n;
}
