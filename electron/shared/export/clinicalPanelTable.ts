import type { MetricPoint } from "../domain/views";
import { collapseSeries, REAL_DESIGN } from "../charts/collapseSeries";
import { BASELINE_DESIGNS, PANEL_METRICS, heldoutMetric, type BaselineDesign, type PanelMetric } from "../domain/clinicalPanel";

export type PanelCell = { value: number; low: number | null; high: number | null } | null;
/** One row of the panel: the physicians, a trivial baseline, or one generation of one model × design. */
export type PanelRow = {
  kind: "physicians" | BaselineDesign | "generation";
  model: string | null;
  design: string | null;
  generation: number | null;
  cells: Record<PanelMetric, PanelCell>;
};

/** The reference rows' point of a metric: the first stored (they are the same texts for every model and seed). */
function referenceCell(points: readonly MetricPoint[], design: string, metric: string): PanelCell {
  const p = points.find((x) => x.design === design && x.generation === 0 && x.metric === metric && x.value !== null);
  return p ? { value: p.value!, low: p.low, high: p.high } : null;
}

/**
 * The clinical-correctness panel on the held-out prompts (docs/metrics.md): the physicians' row,
 * the trivial baselines, then every generation ≥ 1 of every model × design (seeds averaged as the
 * curves do). Empty for a study without held-out panel points.
 */
export function panelRows(points: readonly MetricPoint[]): PanelRow[] {
  const ids = PANEL_METRICS.map((m) => [m, heldoutMetric(m)] as const);
  if (!points.some((p) => p.metric === heldoutMetric("chrf"))) return [];
  const reference = (kind: PanelRow["kind"], design: string): PanelRow => ({
    kind,
    model: null,
    design,
    generation: 0,
    cells: Object.fromEntries(ids.map(([m, id]) => [m, referenceCell(points, design, id)])) as PanelRow["cells"],
  });
  const rows: PanelRow[] = [reference("physicians", REAL_DESIGN), ...BASELINE_DESIGNS.map((d) => reference(d, d))];
  const byRow = new Map<string, PanelRow>();
  for (const [m, id] of ids) {
    for (const s of collapseSeries(points, id)) {
      for (const p of s.points) {
        if (p.generation === 0) continue;
        const key = `${s.model}\u0000${s.design}\u0000${p.generation}`;
        const row = byRow.get(key) ?? {
          kind: "generation" as const,
          model: s.model,
          design: s.design,
          generation: p.generation,
          cells: Object.fromEntries(PANEL_METRICS.map((x) => [x, null])) as PanelRow["cells"],
        };
        row.cells[m] = { value: p.value, low: p.low, high: p.high };
        byRow.set(key, row);
      }
    }
  }
  const generations = [...byRow.values()].sort(
    (a, b) => a.model!.localeCompare(b.model!) || a.design!.localeCompare(b.design!) || a.generation! - b.generation!,
  );
  return [...rows, ...generations];
}

/**
 * "Clearly beats the trivial baselines" (docs/metrics.md): on the held-out prompts, generation 1's
 * chrF interval lies wholly above every baseline's chrF, and its category consistency exceeds the
 * most-frequent-category baseline's by at least this much (a generation 1 that names no category
 * fails it).
 */
export const CLEAR_CONSISTENCY_MARGIN = 0.1;

export type UntrainedGenerationOne = {
  model: string;
  seed: number | null;
  chrfLow: number | null;
  baselineChrf: number;
  consistency: number | null;
  baselineConsistency: number | null;
};

/** Each model × seed whose generation 1 does not clearly beat the trivial baselines on the held-out prompts; empty without baselines. */
export function untrainedGenerationOnes(points: readonly MetricPoint[]): UntrainedGenerationOne[] {
  const at = (design: string | null, model: string, seed: number | null, generation: number, metric: PanelMetric) =>
    points.find(
      (p) =>
        (design === null || p.design === design) && p.model === model && p.seed === seed && p.generation === generation && p.metric === heldoutMetric(metric),
    );
  const seen = new Set<string>();
  const out: UntrainedGenerationOne[] = [];
  for (const g1 of points.filter((p) => p.generation === 1 && p.metric === heldoutMetric("chrf"))) {
    const key = `${g1.model}\u0000${g1.seed}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const baselines = BASELINE_DESIGNS.map((d) => at(d, g1.model, g1.seed, 0, "chrf")?.value).filter((v): v is number => v !== null && v !== undefined);
    if (baselines.length === 0) continue;
    const baselineChrf = Math.max(...baselines);
    const chrfLow = g1.low ?? g1.value;
    const consistency = at(null, g1.model, g1.seed, 1, "category_consistency")?.value ?? null;
    const baselineConsistency = at("baseline-category", g1.model, g1.seed, 0, "category_consistency")?.value ?? null;
    const chrfBeats = chrfLow !== null && chrfLow > baselineChrf;
    const categoryBeats = baselineConsistency === null || (consistency !== null && consistency >= baselineConsistency + CLEAR_CONSISTENCY_MARGIN);
    if (!chrfBeats || !categoryBeats) out.push({ model: g1.model, seed: g1.seed, chrfLow, baselineChrf, consistency, baselineConsistency });
  }
  return out;
}

/** The sentence every place that shows such a study's results opens with (the renderer has it in both languages). */
export const UNTRAINED_NOTE = "generation 1 has not learned the task; what follows measures an untrained model";

/** One line per model × seed: who, and the figures that decided it. */
export function untrainedNoteLines(points: readonly MetricPoint[]): string[] {
  const f = (x: number | null) => (x === null ? "—" : x.toFixed(2));
  return untrainedGenerationOnes(points).map(
    (u) =>
      `${u.model}${u.seed !== null ? ` (seed ${u.seed})` : ""}: ${UNTRAINED_NOTE} ` +
      `(held-out chrF lower bound ${f(u.chrfLow)} vs the best trivial baseline's ${f(u.baselineChrf)}; ` +
      `category consistency ${f(u.consistency)} vs ${f(u.baselineConsistency)} for always the most frequent category)`,
  );
}
