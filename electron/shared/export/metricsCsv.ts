import type { MetricPoint } from "../domain/views";
import { promptSetOf } from "../domain/clinicalPanel";
import { SAMPLING_BAND, trainingTextOf } from "../domain/metricLabels";
import { REAL_DESIGN } from "../charts/collapseSeries";

/**
 * trained_on: whose text the generation learned from (its lineage: for cross the other model);
 * chain: which lineage of the design the point belongs to — a cross design runs two per seed,
 * "A-first" (the study's first model writes generation 1's text) and "B-first", and a model's
 * generations alternate between them, so a slope is fitted per chain; empty for generation 0;
 * interval: what low/high are — a stored point's interval is always within one run (sampling
 * only); across-seed intervals are computed from the seeds' rows, never stored;
 * prompts: which prompts the metric was read on, "train" or "heldout" (the metric id ends "@heldout" then too).
 */
export const METRICS_CSV_COLUMNS = [
  "study",
  "design",
  "model",
  "generation",
  "seed",
  "metric",
  "value",
  "low",
  "high",
  "trained_on",
  "chain",
  "interval",
  "prompts",
] as const;

/** RFC 4180: a field with a quote, comma, CR or LF is quoted, quotes doubled; ";" too, for spreadsheets set to a semicolon locale. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every metric point, numbers as JavaScript prints them (the shortest text that reads back to the same double). */
export function metricsCsv(studyId: number, points: readonly MetricPoint[]): string {
  const models = [...new Set(points.filter((p) => p.design !== REAL_DESIGN).map((p) => p.model))];
  const rows = points.map((p) => [
    studyId,
    p.design,
    p.model,
    p.generation,
    p.seed,
    p.metric,
    p.value,
    p.low,
    p.high,
    trainingTextOf(p.design, p.model, p.generation, models),
    p.chain ?? "",
    p.low !== null ? SAMPLING_BAND.en : "",
    promptSetOf(p.metric),
  ]);
  return [METRICS_CSV_COLUMNS, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
