import { createRng } from "../random";
import { tQuantile975 } from "./meanInterval";
import { tTwoSided } from "./studentT";

/**
 * One paired comparison across seeds (docs/metrics.md, "Comparing designs"): d_i = a_i − b_i,
 * one difference per seed. The seed is the unit: its two values share generation 1.
 */
export type PairedTest = {
  /** seeds with a value on both sides */
  n: number;
  meanDifference: number | null;
  /** 95% t-interval of the mean difference: d̄ ± t(0.975, n−1) · s / √n */
  low: number | null;
  high: number | null;
  /** paired t-test, two-sided */
  t: number | null;
  tP: number | null;
  /** exact two-sided sign-flip permutation test (all 2ⁿ sign vectors; seeded Monte Carlo beyond 20 seeds) */
  exactP: number | null;
  /** the smallest p the exact test can give with n seeds: 2/2ⁿ */
  minimumExactP: number | null;
  /** Cohen's d_z = d̄ / s (null when every difference is the same) */
  effectSize: number | null;
};

/** Above this many seeds the sign-flip test samples sign vectors instead of enumerating them. */
export const EXACT_ENUMERATION_LIMIT = 20;
const MONTE_CARLO_DRAWS = 1 << 16;

export function pairedTest(a: readonly number[], b: readonly number[], seed = 1): PairedTest {
  if (a.length !== b.length) throw new Error(`pairedTest: ${a.length} values against ${b.length}; a paired test needs one pair per seed`);
  return pairedDifferenceTest(
    a.map((x, i) => x - b[i]!),
    seed,
  );
}

export function pairedDifferenceTest(d: readonly number[], seed = 1): PairedTest {
  const n = d.length;
  const empty: PairedTest = { n, meanDifference: null, low: null, high: null, t: null, tP: null, exactP: null, minimumExactP: null, effectSize: null };
  if (n === 0) return empty;
  const mean = d.reduce((x, y) => x + y, 0) / n;
  const minimumExactP = Math.min(1, 2 / 2 ** n);
  if (n < 2) return { ...empty, meanDifference: mean, exactP: 1, minimumExactP };
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const se = sd / Math.sqrt(n);
  const half = tQuantile975(n - 1) * se;
  // all differences equal: no spread to test against; a t of ±∞ when they are not zero
  const degenerate = sd <= 1e-12 * Math.max(1, Math.abs(mean));
  const t = degenerate ? (mean === 0 ? 0 : Math.sign(mean) * Infinity) : mean / se;
  return {
    n,
    meanDifference: mean,
    low: mean - half,
    high: mean + half,
    t: Number.isFinite(t) ? t : null,
    tP: degenerate ? (mean === 0 ? 1 : 0) : tTwoSided(t, n - 1),
    exactP: signFlipP(d, seed),
    minimumExactP,
    effectSize: degenerate ? null : mean / sd,
  };
}

/**
 * Two-sided sign-flip p: the share of sign vectors s whose |Σ sᵢdᵢ| is at least the observed
 * |Σ dᵢ| (the observed one included), under H0 that each difference is symmetric about 0.
 */
export function signFlipP(d: readonly number[], seed = 1): number {
  const n = d.length;
  if (n === 0) return 1;
  const observed = Math.abs(d.reduce((x, y) => x + y, 0));
  // ties by rounding count as at least as extreme
  const bar = observed - 1e-12 * (1 + d.reduce((s, x) => s + Math.abs(x), 0));
  if (n <= EXACT_ENUMERATION_LIMIT) {
    let extreme = 0;
    const total = 2 ** n;
    for (let mask = 0; mask < total; mask++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += mask & (1 << i) ? -d[i]! : d[i]!;
      if (Math.abs(s) >= bar) extreme++;
    }
    return extreme / total;
  }
  const rng = createRng(seed).fork("sign-flip");
  let extreme = 0;
  for (let k = 0; k < MONTE_CARLO_DRAWS; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += rng.next() < 0.5 ? -d[i]! : d[i]!;
    if (Math.abs(s) >= bar) extreme++;
  }
  return (extreme + 1) / (MONTE_CARLO_DRAWS + 1);
}

/**
 * Holm's step-down adjustment of the p-values of one family (the metrics of one comparison):
 * sorted ascending, p₍ᵢ₎ · (m − i + 1), made monotone, capped at 1. Nulls stay null and do not count.
 */
export function holm(ps: readonly (number | null)[]): (number | null)[] {
  const present = ps
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null)
    .sort((x, y) => x.p - y.p);
  const m = present.length;
  const out: (number | null)[] = ps.map(() => null);
  let running = 0;
  present.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}

/** The least-squares slope of y over x; null with fewer than two distinct x. */
export function slope(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : null;
}
