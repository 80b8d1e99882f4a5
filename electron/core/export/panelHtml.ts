import { escapeHtml as esc } from "../../shared/text/escapeHtml";
import type { MetricPoint } from "../../shared/domain/views";
import { PANEL_METRICS } from "../../shared/domain/clinicalPanel";
import { panelRows, untrainedNoteLines, type PanelRow } from "../../shared/export/clinicalPanelTable";

const TITLES: Record<(typeof PANEL_METRICS)[number], string> = {
  category_consistency: "category consistency",
  false_reassurance: "false reassurance",
  over_call: "over-call",
  category_presence: "names a category",
  side_consistency: "side",
  nodule_count_consistency: "one / several",
  chrf: "chrF",
  well_formed: "well-formed",
  cut_share: "cut at maxTokens",
};
const BASELINE_TITLES: Record<string, string> = {
  "baseline-frequent": "baseline: the most frequent conclusion",
  "baseline-category": "baseline: the most frequent category",
  "baseline-rule": "baseline: the highest category of the description",
};

const label = (r: PanelRow) =>
  r.kind === "physicians" ? "physicians" : r.kind === "generation" ? `${r.model} · ${r.design} · M${r.generation}` : BASELINE_TITLES[r.kind]!;

/** The verdict on generation 1, one paragraph per model × seed that has not learned the task (empty when every one has). */
export function untrainedHtml(points: readonly MetricPoint[]): string {
  return untrainedNoteLines(points)
    .map((l) => `<p class="warning" data-testid="untrained-note">${esc(l)}</p>`)
    .join("\n");
}

/** The clinical-correctness panel on held-out prompts as an HTML table, reference rows first. */
export function panelHtml(points: readonly MetricPoint[]): string {
  const rows = panelRows(points);
  if (rows.length === 0) return "<p>Not computed for this study (it was planned before the panel existed, or generates whole reports).</p>";
  const cell = (r: PanelRow, m: (typeof PANEL_METRICS)[number]) => {
    const c = r.cells[m];
    if (!c) return "<td>—</td>";
    const interval = c.low !== null && c.high !== null ? ` title="${c.low} … ${c.high}"` : "";
    return `<td${interval}>${c.value.toFixed(m === "chrf" ? 1 : 3)}</td>`;
  };
  return (
    '<p>Test-split descriptions that no generation trained on (docs/metrics.md, "Clinical-correctness panel"). ' +
    "Shares of outputs; chrF 0–100 against the physician's conclusion of the same description; a cell's tooltip is its 95% interval.</p>\n" +
    `<table data-testid="clinical-panel"><thead><tr><th></th>${PANEL_METRICS.map((m) => `<th>${esc(TITLES[m])}</th>`).join("")}</tr></thead>\n` +
    "<tbody>" +
    rows
      .map((r) => `<tr${r.kind === "generation" ? "" : ' class="reference"'}><th>${esc(label(r))}</th>${PANEL_METRICS.map((m) => cell(r, m)).join("")}</tr>`)
      .join("\n") +
    "</tbody></table>"
  );
}
