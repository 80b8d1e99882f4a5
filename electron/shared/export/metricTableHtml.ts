import type { Series } from "../charts/collapseSeries";
import { escapeHtml as esc } from "../text/escapeHtml";

/** The generations a metric's curves cover, M0 first. */
export function generationsOf(series: readonly Series[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.generation)))].sort((a, b) => a - b);
}

/** One of the paper's tables as HTML: a row per model × design, a column per generation, the interval (if any) as the cell's tooltip. */
export function metricTableHtml(title: string, metric: string, series: readonly Series[] | undefined): string {
  if (!series?.length) return `<h3>${esc(title)}</h3><p>Not computed for this study.</p>`;
  const gens = generationsOf(series);
  const cell = (s: Series, g: number) => {
    const p = s.points.find((x) => x.generation === g);
    if (!p) return "<td>—</td>";
    const interval = p.low !== null && p.high !== null ? ` title="${p.low} … ${p.high}${p.seeds > 1 ? ` (${p.seeds} seeds)` : ""}"` : "";
    return `<td${interval}>${p.value.toFixed(4)}</td>`;
  };
  return `<h3>${esc(title)}</h3>
<table data-metric="${esc(metric)}"><thead><tr><th>model · design</th>${gens.map((g) => `<th>M${g}</th>`).join("")}</tr></thead>
<tbody>${series.map((s) => `<tr><th>${esc(s.model)} · ${esc(s.design)}</th>${gens.map((g) => cell(s, g)).join("")}</tr>`).join("\n")}</tbody></table>`;
}
