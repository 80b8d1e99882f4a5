import type { ChartConfiguration } from "chart.js";
import type { MetricPoint } from "../../shared/domain/views";
import { collapseSeries, metricsOf, type Series } from "../../shared/charts/collapseSeries";
import { collapseChart } from "../../shared/charts/collapseChart";
import { opaqueBackground } from "../../shared/charts/opaqueBackground";
import { isNoiseFloorMetric, noiseFloors } from "../../shared/charts/noiseFloors";

/** A metric's name comes from the database: as a file name it keeps only safe characters, so it cannot leave charts/. */
export function chartFileName(metric: string): string {
  return `${metric.replace(/[^A-Za-z0-9_-]/g, "_")}.png`;
}

export type StudyChart = { metric: string; series: Series[]; config: ChartConfiguration<"line", { x: number; y: number }[]> };

const LABELS = { generation: "Generation", noiseFloor: "noise floor", design: (d: string) => d };

/** One collapse chart per metric, as the Results place draws it, but static: no animation, white background. */
export function studyCharts(points: readonly MetricPoint[]): StudyChart[] {
  const floor = noiseFloors(points);
  return metricsOf(points)
    .filter((metric) => !isNoiseFloorMetric(metric))
    .map((metric) => ({ metric, series: collapseSeries(points, metric) }))
    .filter((c) => c.series.length > 0)
    .map(({ metric, series }) => {
      const config = collapseChart(series, metric, LABELS, floor[metric]);
      config.options = { ...config.options, animation: false };
      config.plugins = [opaqueBackground];
      return { metric, series, config };
    });
}
