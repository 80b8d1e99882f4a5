import type { ChartConfiguration } from "chart.js";
import type { MetricPoint } from "../../shared/domain/views";
import { collapseSeries, metricsOf, type Series } from "../../shared/charts/collapseSeries";
import { collapseChart } from "../../shared/charts/collapseChart";
import { opaqueBackground } from "../../shared/charts/opaqueBackground";
import { isNoiseFloorMetric, noiseFloors } from "../../shared/charts/noiseFloors";
import { designLabel, metricLabel, SAMPLING_BAND, SEEDS_BAND, type LabelLanguage } from "../../shared/domain/metricLabels";

/** A metric's name comes from the database: as a file name it keeps only safe characters, so it cannot leave charts/. */
export function chartFileName(metric: string): string {
  return `${metric.replace(/[^A-Za-z0-9_-]/g, "_")}.png`;
}

export type StudyChart = { metric: string; series: Series[]; config: ChartConfiguration<"line", { x: number; y: number }[]> };

const WORDS = {
  en: {
    generation: "Generation",
    noiseFloor: "noise floor",
    seed: (n: number) => (n === 1 ? "1 seed" : `${n} seeds`),
    trainedOn: (m: string) => `trained on ${m}'s text`,
  },
  ru: { generation: "Поколение", noiseFloor: "порог шума", seed: (n: number) => `сидов: ${n}`, trainedOn: (m: string) => `учится на текстах ${m}` },
};

function labelsOf(lang: LabelLanguage) {
  const w = WORDS[lang];
  return {
    generation: w.generation,
    noiseFloor: w.noiseFloor,
    design: (d: string) => designLabel(d, lang),
    metric: (m: string) => metricLabel(m, lang),
    bands: { sampling: SAMPLING_BAND[lang], seeds: SEEDS_BAND[lang] },
    lineage: { seeds: w.seed, trainedOn: w.trainedOn },
  };
}

/** One collapse chart per metric, as the Results place draws it, but static: no animation, white background. */
export function studyCharts(points: readonly MetricPoint[], lang: LabelLanguage = "en"): StudyChart[] {
  const floor = noiseFloors(points);
  const labels = labelsOf(lang);
  return metricsOf(points)
    .filter((metric) => !isNoiseFloorMetric(metric))
    .map((metric) => ({ metric, series: collapseSeries(points, metric) }))
    .filter((c) => c.series.length > 0)
    .map(({ metric, series }) => {
      const config = collapseChart(series, metric, labels, floor[metric]);
      config.options = { ...config.options, animation: false };
      config.plugins = [opaqueBackground];
      return { metric, series, config };
    });
}
