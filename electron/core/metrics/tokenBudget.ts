import type { Rng } from "../../shared/random";

/**
 * Equal token budgets (docs/metrics.md, "Equal token budgets"). KL, JS and distinct-n all move
 * with the number of tokens they are computed on, so a generation whose outputs grow or shrink
 * would move them for a reason that is not collapse. Every divergence is therefore computed on
 * seeded subsamples of exactly `budget` n-grams on both sides (drawn without replacement from
 * each side's counts), and distinct-n as the expected share of distinct n-grams in a subsample of
 * `budget` n-grams (rarefaction, no randomness). The budget of order n is half the paired real
 * sample's n-grams: the same in every generation of a study, reachable by two disjoint real
 * samples (the noise floor), and by any generation whose outputs keep at least half the real length.
 */

/** Subsamples drawn for a point estimate; their mean is the value (a bootstrap replicate draws one). */
export const POINT_THINNINGS = 5;

export function total(counts: ArrayLike<number>): number {
  let t = 0;
  for (let i = 0; i < counts.length; i++) t += counts[i]!;
  return t;
}

/**
 * `budget` of the counted items drawn uniformly without replacement (selection sampling, Knuth's
 * algorithm S), as counts in `out` (zeroed first). A budget at or above the total copies the counts.
 */
export function thinCounts(counts: ArrayLike<number>, budget: number, rng: Rng, out: Int32Array): Int32Array {
  out.fill(0);
  let remaining = total(counts);
  let need = Math.max(0, Math.min(budget, remaining));
  if (need === remaining) {
    for (let i = 0; i < counts.length; i++) out[i] = counts[i]!;
    return out;
  }
  for (let i = 0; i < counts.length && need > 0; i++) {
    const c = counts[i]!;
    let taken = 0;
    for (let k = 0; k < c; k++) {
      if (rng.next() * remaining < need) {
        taken++;
        need--;
      }
      remaining--;
    }
    out[i] = taken;
  }
  return out;
}

/**
 * A divergence of two count vectors at an equal budget: the mean over `thinnings` seeded pairs of
 * subsamples of `budget` items each (null when either side is empty).
 */
export function divergenceAtBudget(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  budget: number,
  rng: Rng,
  thinnings: number,
  divergence: (p: ArrayLike<number>, q: ArrayLike<number>) => number | null,
  scratch: { p: Int32Array; q: Int32Array },
): number | null {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < thinnings; k++) {
    const d = divergence(thinCounts(p, budget, rng, scratch.p), thinCounts(q, budget, rng, scratch.q));
    if (d === null) return null;
    sum += d;
    count++;
  }
  return count ? sum / count : null;
}

/** ln k! for k = 0..n, grown on demand. */
let logFactorials = new Float64Array([0]);
function logFactorial(k: number): number {
  if (k >= logFactorials.length) {
    const next = new Float64Array(Math.max(k + 1, logFactorials.length * 2));
    next.set(logFactorials);
    for (let i = logFactorials.length; i < next.length; i++) next[i] = next[i - 1]! + Math.log(i);
    logFactorials = next;
  }
  return logFactorials[k]!;
}

/**
 * The expected number of distinct items in `budget` items drawn without replacement from the
 * counts (Hurlbert's rarefaction): Σᵢ [1 − C(N − cᵢ, B) / C(N, B)]. B ≥ N: the distinct count itself.
 */
export function rarefiedDistinct(counts: ArrayLike<number>, budget: number): number {
  const n = total(counts);
  if (budget >= n) {
    let distinct = 0;
    for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) distinct++;
    return distinct;
  }
  const logAll = logFactorial(n) - logFactorial(n - budget);
  let expected = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const rest = n - c;
    // C(N − c, B) / C(N, B) = (N − c)! (N − B)! / ((N − c − B)! N!)
    expected += rest < budget ? 1 : 1 - Math.exp(logFactorial(rest) - logFactorial(rest - budget) - logAll);
  }
  return expected;
}

/** distinct-n at a budget: expected distinct n-grams in `budget` n-grams, over the budget; null without n-grams. */
export function distinctAtBudget(counts: ArrayLike<number>, budget: number): number | null {
  const b = Math.min(budget, total(counts));
  return b > 0 ? rarefiedDistinct(counts, b) / b : null;
}
