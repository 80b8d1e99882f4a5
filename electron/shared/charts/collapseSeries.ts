import type { MetricPoint } from "../domain/views";
import { meanInterval } from "../stats/meanInterval";
import { isBaselineDesign } from "../domain/clinicalPanel";

export type SeriesPoint = { generation: number; value: number; low: number | null; high: number | null; seeds: number };
export type Series = { model: string; design: string; points: SeriesPoint[] };

/** Designs that are not a training design: generation 0 (the real data) is stored under "real". */
export const REAL_DESIGN = "real";

/**
 * One metric's curves, one per model × design, generation 0 (the real data of the same model)
 * first. Several seeds collapse to their mean with its 95% t-interval across seeds (seeds are the
 * independent replicates of training randomness; docs/metrics.md); one seed keeps the interval
 * stored with its point (resampling), if any.
 */
export function collapseSeries(points: readonly MetricPoint[], metric: string): Series[] {
  const ofMetric = points.filter((p) => p.metric === metric && p.value !== null);
  const groups = new Map<string, Map<number, MetricPoint[]>>();
  const realByModel = new Map<string, MetricPoint[]>();
  for (const p of ofMetric) {
    if (p.design === REAL_DESIGN) {
      realByModel.set(p.model, [...(realByModel.get(p.model) ?? []), p]);
      continue;
    }
    // the clinical panel's trivial baselines are reference rows (clinicalPanelTable.ts), not curves
    if (isBaselineDesign(p.design)) continue;
    const key = `${p.model}\u0000${p.design}`;
    const byGen = groups.get(key) ?? new Map<number, MetricPoint[]>();
    byGen.set(p.generation, [...(byGen.get(p.generation) ?? []), p]);
    groups.set(key, byGen);
  }
  const out: Series[] = [];
  for (const [key, byGen] of groups) {
    const [model, design] = key.split("\u0000") as [string, string];
    const real = realByModel.get(model);
    if (real && !byGen.has(0)) byGen.set(0, real);
    const gens = [...byGen.keys()].sort((a, b) => a - b);
    out.push({ model, design, points: gens.map((g) => aggregate(g, byGen.get(g)!)) });
  }
  return out.sort((a, b) => a.model.localeCompare(b.model) || a.design.localeCompare(b.design));
}

function aggregate(generation: number, ps: MetricPoint[]): SeriesPoint {
  const values = ps.map((p) => p.value!);
  if (ps.length === 1) return { generation, value: values[0]!, low: ps[0]!.low, high: ps[0]!.high, seeds: 1 };
  const m = meanInterval(values);
  return { generation, value: m.mean, low: m.low, high: m.high, seeds: ps.length };
}

/** The metrics present in a study, in the order the docs list them. */
export function metricsOf(points: readonly MetricPoint[]): string[] {
  const ORDER = [
    "kl_unigram_vs_real",
    "kl_bigram_vs_real",
    "kl_unigram_vs_m1",
    "distinct_3",
    "distinct_2",
    "distinct_1",
    "unique_outputs",
    "perplexity_real",
    "mean_length",
    "samples",
  ];
  const present = [...new Set(points.map((p) => p.metric))];
  return present.sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b));
}
