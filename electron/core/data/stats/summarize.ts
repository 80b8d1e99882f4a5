import type { LengthSummary } from "../../../shared/domain/corpusStats";
export type { LengthSummary };

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarizeLengths(values: readonly number[]): LengthSummary {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? 0,
    p10: quantile(sorted, 0.1),
    median: quantile(sorted, 0.5),
    mean: sorted.length ? sum / sorted.length : 0,
    p90: quantile(sorted, 0.9),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Histogram with fixed-width bins from 0, the last bin open-ended. */
export function histogram(values: readonly number[], binWidth: number, bins: number): { from: number; to: number | null; count: number }[] {
  const out = Array.from({ length: bins }, (_, i) => ({ from: i * binWidth, to: i === bins - 1 ? null : (i + 1) * binWidth, count: 0 }));
  for (const v of values) out[Math.min(bins - 1, Math.floor(v / binWidth))]!.count++;
  return out;
}

export function topCounts(counts: Map<string, number>, n: number): { text: string; count: number }[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([text, count]) => ({ text, count }));
}
