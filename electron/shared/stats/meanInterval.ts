// two-sided 95% quantiles of Student's t, t(0.975, df), for df = 1..30
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df); beyond the table 1.96 + 2.4/df, within 0.002 of the exact value. */
export function tQuantile975(df: number): number {
  return df <= T975.length ? T975[Math.max(1, Math.floor(df)) - 1]! : 1.96 + 2.4 / df;
}

/**
 * The mean of independent replicates (a study's seeds) with its 95% confidence interval,
 * mean ± t(0.975, k−1) · s / √k, s the sample standard deviation. Fewer than 2 values: no interval.
 */
export function meanInterval(values: readonly number[]): { mean: number; low: number | null; high: number | null } {
  const k = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / k;
  if (k < 2) return { mean, low: null, high: null };
  const s = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / (k - 1));
  const half = (tQuantile975(k - 1) * s) / Math.sqrt(k);
  return { mean, low: mean - half, high: mean + half };
}
