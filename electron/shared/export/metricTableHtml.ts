import type { Series } from "../charts/collapseSeries";
import { escapeHtml as esc } from "../text/escapeHtml";
import { designLabel, SAMPLING_BAND, SEEDS_BAND, type LabelLanguage } from "../domain/metricLabels";

/** The generations a metric's curves cover, M0 first. */
export function generationsOf(series: readonly Series[]): number[] {
  return [...new Set(series.flatMap((s) => s.points.map((p) => p.generation)))].sort((a, b) => a - b);
}

/** One of the paper's tables as HTML: a row per model × design, a column per generation, the interval (if any) as the cell's tooltip. */
export function metricTableHtml(title: string, metric: string, series: readonly Series[] | undefined, lang: LabelLanguage = "en"): string {
  if (!series?.length) return `<h3>${esc(title)}</h3><p>${lang === "ru" ? "В этом исследовании не вычислялась." : "Not computed for this study."}</p>`;
  const models = [...new Set(series.map((s) => s.model))];
  const lineage = (s: Series) => {
    const seeds = Math.max(...s.points.map((p) => p.seeds));
    const other = models.find((m) => m !== s.model);
    const writer = s.design === "cross" && other ? (lang === "ru" ? ` (учится на текстах ${other})` : ` (trained on ${other}'s text)`) : "";
    return `${s.model} · ${designLabel(s.design, lang)}${writer}, ${lang === "ru" ? `сидов: ${seeds}` : seeds === 1 ? "1 seed" : `${seeds} seeds`}`;
  };
  const gens = generationsOf(series);
  const cell = (s: Series, g: number) => {
    const p = s.points.find((x) => x.generation === g);
    if (!p) return "<td>—</td>";
    const interval =
      p.low !== null && p.high !== null ? ` title="${p.low} … ${p.high} (${p.seeds > 1 ? `${SEEDS_BAND[lang]}, ${p.seeds}` : SAMPLING_BAND[lang]})"` : "";
    return `<td${interval}>${p.value.toFixed(4)}</td>`;
  };
  return (
    `<h3>${esc(title)}</h3>
<table data-metric="${esc(metric)}"><thead><tr><th>${lang === "ru" ? "модель · схема" : "model · design"}</th>` +
    `${gens.map((g) => `<th>M${g}</th>`).join("")}</tr></thead>
<tbody>${series.map((s) => `<tr><th>${esc(lineage(s))}</th>${gens.map((g) => cell(s, g)).join("")}</tr>`).join("\n")}</tbody></table>`
  );
}
