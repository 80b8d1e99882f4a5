import type { MetricPoint } from "../domain/views";
import { promptSetOf } from "../domain/clinicalPanel";

/** prompts: which prompts the metric was read on, "train" or "heldout" (the metric id ends "@heldout" then too) */
export const METRICS_CSV_COLUMNS = ["study", "design", "model", "generation", "seed", "metric", "value", "low", "high", "prompts"] as const;

/** RFC 4180: a field with a quote, comma, CR or LF is quoted, quotes doubled; ";" too, for spreadsheets set to a semicolon locale. */
export function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every metric point, numbers as JavaScript prints them (the shortest text that reads back to the same double). */
export function metricsCsv(studyId: number, points: readonly MetricPoint[]): string {
  const rows = points.map((p) => [studyId, p.design, p.model, p.generation, p.seed, p.metric, p.value, p.low, p.high, promptSetOf(p.metric)]);
  return [METRICS_CSV_COLUMNS, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
