import type { MetricPoint } from "../../shared/domain/views";
import { table } from "../output";
import { metricLabel } from "../../shared/domain/metricLabels";

export const MAIN_METRICS = ["kl_unigram_vs_real", "kl_unigram_vs_m1", "unique_outputs", "distinct_3", "mean_length", "perplexity_real"] as const;

/** One table per metric: a row per design and model, a column per generation (0 = real data). */
export function formatMetricTables(points: MetricPoint[], metrics: readonly string[] = MAIN_METRICS): string {
  const generations = [...new Set(points.map((p) => p.generation))].sort((a, b) => a - b);
  const models = [...new Set(points.filter((p) => p.design !== "real").map((p) => p.model))];
  const out: string[] = [];
  for (const metric of metrics) {
    const rows = new Map<string, Map<number, number | null>>();
    for (const p of points.filter((x) => x.metric === metric)) {
      const other = models.find((m) => m !== p.model);
      const writer = p.design === "cross" && other ? ` (trained on ${other}'s text)` : "";
      const key = `${p.design} · ${p.model}${writer}${p.seed !== null ? ` · seed ${p.seed}` : ""}`;
      if (!rows.has(key)) rows.set(key, new Map());
      rows.get(key)!.set(p.generation, p.value);
    }
    if (!rows.size) continue;
    out.push(
      `${metricLabel(metric)} (${metric})\n` +
        table(
          [...rows]
            .sort((a, b) => (a[0] < b[0] ? -1 : 1))
            .map(([k, v]) => [k, ...generations.map((g) => (v.has(g) ? (v.get(g) === null ? "—" : v.get(g)!.toFixed(3)) : ""))]),
          ["design · model", ...generations.map((g) => (g === 0 ? "real" : `M${g}`))],
        ),
    );
  }
  return out.join("\n\n");
}
