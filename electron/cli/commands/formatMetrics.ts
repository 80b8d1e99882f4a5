import type { MetricPoint } from "../../shared/domain/views";
import { table } from "../output";

export const MAIN_METRICS = ["kl_unigram_vs_real", "kl_unigram_vs_m1", "unique_outputs", "distinct_3", "mean_length", "perplexity_real"] as const;

/** One table per metric: a row per design and model, a column per generation (0 = real data). */
export function formatMetricTables(points: MetricPoint[], metrics: readonly string[] = MAIN_METRICS): string {
  const generations = [...new Set(points.map((p) => p.generation))].sort((a, b) => a - b);
  const out: string[] = [];
  for (const metric of metrics) {
    const rows = new Map<string, Map<number, number | null>>();
    for (const p of points.filter((x) => x.metric === metric)) {
      const key = `${p.design} · ${p.model}${p.seed !== null ? ` · seed ${p.seed}` : ""}`;
      if (!rows.has(key)) rows.set(key, new Map());
      rows.get(key)!.set(p.generation, p.value);
    }
    if (!rows.size) continue;
    out.push(
      `${metric}\n` +
        table(
          [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, ...generations.map((g) => (v.has(g) ? (v.get(g) === null ? "—" : v.get(g)!.toFixed(3)) : ""))]),
          ["design · model", ...generations.map((g) => (g === 0 ? "real" : `M${g}`))],
        ),
    );
  }
  return out.join("\n\n");
}
