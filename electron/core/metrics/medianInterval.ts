import type { Interval } from "./bootstrap";

/**
 * The distribution-free confidence interval of a population median from a sample of n: the
 * order statistics [x_(l), x_(u)] (1-based ranks) with l the largest rank such that
 * P(B ≤ l − 1) ≤ (1 − level)/2 for B ~ Binomial(n, ½), and u = n + 1 − l. The number of sample
 * values below the median is such a B, so the interval holds the median with probability at least
 * 1 − 2·P(B ≤ l − 1) ≥ level for every distribution (ties only add coverage). Null where no ranks
 * reach the level: n < 6 at 95%.
 */
export function medianRanks(n: number, level = 0.95): { low: number; high: number } | null {
  const tail = (1 - level) / 2;
  // P(B = k) in logs from P(B = 0) = 2^−n up, which underflows for n > 1074 while the sum does not need those terms
  let logP = -n * Math.LN2;
  let below = 0;
  let l = 0;
  for (let k = 0; k < n; k++) {
    below += Math.exp(logP);
    if (below > tail) break;
    l = k + 1;
    logP += Math.log((n - k) / (k + 1));
  }
  return l >= 1 ? { low: l, high: n + 1 - l } : null;
}

/** The median of ascending values (the mean of the two middle ones for an even count) and its interval; nulls when empty. */
export function medianWithInterval(sorted: ArrayLike<number>, withInterval: boolean): Interval & { value: number | null } {
  const n = sorted.length;
  if (n === 0) return { value: null, low: null, high: null };
  const value = (sorted[Math.floor((n - 1) / 2)]! + sorted[Math.floor(n / 2)]!) / 2;
  const ranks = withInterval ? medianRanks(n) : null;
  return { value, low: ranks ? sorted[ranks.low - 1]! : null, high: ranks ? sorted[ranks.high - 1]! : null };
}
