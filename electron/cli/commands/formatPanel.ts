import type { MetricPoint } from "../../shared/domain/views";
import { PANEL_METRICS } from "../../shared/domain/clinicalPanel";
import { panelRows, untrainedNoteLines, type PanelRow } from "../../shared/export/clinicalPanelTable";
import { table } from "../output";

const HEADERS: Record<(typeof PANEL_METRICS)[number], string> = {
  category_consistency: "cat=",
  false_reassurance: "cat<",
  over_call: "cat>",
  category_presence: "names cat",
  side_consistency: "side",
  nodule_count_consistency: "1/many",
  chrf: "chrF",
  well_formed: "well-formed",
  cut_share: "cut",
};

const label = (r: PanelRow) => (r.kind === "physicians" ? "physicians" : r.kind === "generation" ? `${r.design} · ${r.model} · M${r.generation}` : r.kind);

/**
 * The verdict on generation 1 (if it has not learned the task), then the clinical-correctness panel
 * on held-out prompts beside its reference rows (docs/metrics.md); empty for a study without it.
 */
export function formatPanel(points: readonly MetricPoint[]): string {
  const rows = panelRows(points);
  if (rows.length === 0) return "";
  const notes = untrainedNoteLines(points).map((l) => `!! ${l}`);
  const body = table(
    rows.map((r) => [label(r), ...PANEL_METRICS.map((m) => (r.cells[m] ? r.cells[m].value.toFixed(m === "chrf" ? 1 : 3) : "—"))]),
    ["clinical panel, held-out prompts", ...PANEL_METRICS.map((m) => HEADERS[m])],
  );
  return [...notes, body].join("\n");
}
