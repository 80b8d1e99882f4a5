import { createRng } from "../../shared/random";

export type Interval = { low: number | null; high: number | null };

/**
 * How a resample draws from the n samples. "bootstrap": n draws with replacement. "half": n/2
 * distinct samples (half-sampling without replacement), whose spread matches the full sample's
 * for smooth statistics; for metrics that count distinct things it does not manufacture the
 * duplicates that bias the plain bootstrap (docs/metrics.md has the measured coverage of both).
 */
export type ResampleScheme = "bootstrap" | "half";

/**
 * `resamples` seeded resamples of n samples, each as multiplicities (weights[i] = how often
 * sample i was drawn); the caller recomputes its statistics from the weights. One weights buffer
 * is reused, so `visit` must not keep it.
 */
export function forEachResample(n: number, resamples: number, seed: number, visit: (weights: Int32Array) => void, scheme: ResampleScheme = "bootstrap"): void {
  const rng = createRng(seed).fork(scheme);
  const weights = new Int32Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const half = Math.max(1, Math.floor(n / 2));
  for (let b = 0; b < resamples; b++) {
    weights.fill(0);
    if (scheme === "bootstrap") for (let k = 0; k < n; k++) weights[rng.int(n)]!++;
    else {
      // a partial Fisher–Yates shuffle: the first `half` of `order` is a uniform draw without replacement
      for (let k = 0; k < half; k++) {
        const j = k + rng.int(n - k);
        const t = order[k]!;
        order[k] = order[j]!;
        order[j] = t;
        weights[order[k]!] = 1;
      }
    }
    visit(weights);
  }
}

/** Quantile q of sorted values, linear interpolation between order statistics (Hyndman & Fan type 7, R's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The 95% percentile interval of the replicates after removing the bootstrap's estimate of bias
 * (mean of the replicates − value), clamped to the metric's range. Why the shift: resampling
 * with replacement duplicates samples, and metrics that count distinct things (distinct-n,
 * unique outputs, surviving rare words) drop under duplication whatever the generation, so the
 * plain percentile interval of those lies wholly below the value. Null replicates are skipped.
 */
export function percentileInterval(replicates: readonly (number | null)[], value: number | null, range: readonly [number, number]): Interval {
  const xs = replicates.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (value === null || xs.length === 0) return { low: null, high: null };
  const rawBias = xs.reduce((a, b) => a + b, 0) / xs.length - value;
  // summing equal replicates can miss the value by an ulp; that is no bias
  const bias = Math.abs(rawBias) <= 1e-12 * Math.max(1, Math.abs(value)) ? 0 : rawBias;
  const clamp = (x: number) => Math.min(range[1], Math.max(range[0], x));
  return { low: clamp(quantile(xs, 0.025) - bias), high: clamp(quantile(xs, 0.975) - bias) };
}
