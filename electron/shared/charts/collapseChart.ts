import type { ChartConfiguration, ChartData, ChartDataset, LegendItem } from "chart.js";
import type { Series } from "./collapseSeries";
import { colour, translucent } from "./palette";

export type CollapseChartLabels = {
  generation: string;
  noiseFloor: string;
  design: (d: string) => string;
  /** the metric's name as words (default: its id) */
  metric?: (m: string) => string;
  /** what a band is: one seed's resampling interval, or the interval across seeds (honest bands, docs/metrics.md) */
  bands?: { sampling: string; seeds: string };
  /** "seed" / "seeds" and "trained on X's text" for the lineage in each series' name */
  lineage?: { seeds: (n: number) => string; trainedOn: (model: string) => string };
};
type Point = { x: number; y: number };

/** Datasets that only draw an interval band carry this role, so the legend can leave them out. */
export const BAND = "band";

/**
 * chart.js datasets of one metric: per series a line (the value), and where intervals exist a
 * band between a hidden low line and a high line filled down to it; the noise floor as a dashed
 * horizontal line across all generations.
 */
export function collapseDatasets(series: Series[], labels: CollapseChartLabels, noiseFloor?: number): ChartDataset<"line", Point[]>[] {
  const out: (ChartDataset<"line", Point[]> & { role?: string })[] = [];
  const models = [...new Set(series.map((s) => s.model))];
  series.forEach((s, i) => {
    const c = colour(i);
    const withInterval = s.points.filter((p) => p.low !== null && p.high !== null);
    const seeds = Math.max(...s.points.map((p) => p.seeds));
    const other = models.find((m) => m !== s.model);
    const lineage = labels.lineage ? `${s.design === "cross" && other ? ` (${labels.lineage.trainedOn(other)})` : ""}, ${labels.lineage.seeds(seeds)}` : "";
    const band = labels.bands && withInterval.length ? ` — ${seeds > 1 ? labels.bands.seeds : labels.bands.sampling}` : "";
    const name = `${s.model} · ${labels.design(s.design)}${lineage}${band}`;
    if (withInterval.length > 0) {
      out.push({
        label: `${name} low`,
        role: BAND,
        data: withInterval.map((p) => ({ x: p.generation, y: p.low! })),
        borderColor: "transparent",
        backgroundColor: "transparent",
        pointRadius: 0,
        fill: false,
      });
      out.push({
        label: `${name} high`,
        role: BAND,
        data: withInterval.map((p) => ({ x: p.generation, y: p.high! })),
        borderColor: "transparent",
        backgroundColor: translucent(c, 0.15),
        pointRadius: 0,
        fill: "-1",
      });
    }
    out.push({
      label: name,
      data: s.points.map((p) => ({ x: p.generation, y: p.value })),
      borderColor: c,
      backgroundColor: c,
      pointRadius: 3,
      borderWidth: 2,
      fill: false,
      tension: 0,
    });
  });
  if (noiseFloor !== undefined) {
    const gens = series.flatMap((s) => s.points.map((p) => p.generation));
    const lo = gens.length ? Math.min(...gens) : 0;
    const hi = gens.length ? Math.max(...gens) : 1;
    out.push({
      label: labels.noiseFloor,
      data: [
        { x: lo, y: noiseFloor },
        { x: hi, y: noiseFloor },
      ],
      borderColor: "#8a94a0",
      borderDash: [6, 4],
      borderWidth: 1.5,
      pointRadius: 0,
      fill: false,
    });
  }
  return out;
}

/**
 * The chart's callbacks are self-contained (no closure, no import, the role spelled out) because a
 * static report embeds their source text next to the config (see configSource.ts).
 */
export function legendWithoutBands(item: LegendItem, data: ChartData): boolean {
  return (data.datasets[item.datasetIndex ?? 0] as { role?: string }).role !== "band";
}

export function generationTick(value: number | string): string {
  return "M" + value;
}

export function collapseChart(series: Series[], metric: string, labels: CollapseChartLabels, noiseFloor?: number): ChartConfiguration<"line", Point[]> {
  return {
    type: "line",
    data: { datasets: collapseDatasets(series, labels, noiseFloor) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: {
        title: { display: true, text: labels.metric ? labels.metric(metric) : metric },
        legend: { position: "bottom", labels: { filter: legendWithoutBands } },
      },
      scales: {
        x: { type: "linear", title: { display: true, text: labels.generation }, ticks: { stepSize: 1, precision: 0, callback: generationTick } },
        y: { beginAtZero: false },
      },
    },
  };
}
