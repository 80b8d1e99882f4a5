import type { ChartConfiguration } from "chart.js";
import type { CorpusStats } from "../../../electron/shared/domain/corpusStats";
import { colour } from "../../../electron/shared/charts/palette";

function bar(labels: string[], data: number[], label: string, i: number): ChartConfiguration {
  return {
    type: "bar",
    data: { labels, datasets: [{ label, data, backgroundColor: colour(i), borderRadius: 3 }] },
    options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
  };
}

const byKey = (r: Record<string, number>) =>
  Object.entries(r).sort(([a], [b]) => (a === "null" ? 1 : b === "null" ? -1 : a.localeCompare(b, "en", { numeric: true })));

/** The corpus report's distributions as chart.js bar charts. */
export function statsCharts(s: CorpusStats, labels: { lengths: string; categories: string; maxCategory: string; perRecord: string }) {
  const hist = s.descriptionLengthHistogram;
  return {
    lengths: bar(
      hist.map((h) => (h.to === null ? `${h.from}+` : `${h.from}–${h.to - 1}`)),
      hist.map((h) => h.count),
      labels.lengths,
      0,
    ),
    categories: bar(
      byKey(s.labels.categories).map(([k]) => (k === "null" ? "?" : `EU-TIRADS ${k}`)),
      byKey(s.labels.categories).map(([, v]) => v),
      labels.categories,
      1,
    ),
    maxCategory: bar(
      byKey(s.labels.maxCategory).map(([k]) => (k === "null" ? "—" : k)),
      byKey(s.labels.maxCategory).map(([, v]) => v),
      labels.maxCategory,
      2,
    ),
    perRecord: bar(
      byKey(s.nodules.perRecord).map(([k]) => k),
      byKey(s.nodules.perRecord).map(([, v]) => v),
      labels.perRecord,
      3,
    ),
  };
}
