import type { ExportSample, StudyExport } from "./loadStudyExport";

export type SideBySide = {
  recordId: number;
  prompt: string;
  real: string | null;
  generations: number[];
  /** a row per chain of models (design × chain × seed); per generation the model that wrote the cell and its output */
  rows: { label: string; cells: ({ model: string; output: string } | null)[] }[];
};

/** The description the most generations answered (the lowest record id on a tie), across models and generations. */
export function sideBySide(study: StudyExport): SideBySide | null {
  const coverage = new Map<number, number>();
  for (const chunk of study.generations()) for (const s of chunk) if (s.recordId !== null) coverage.set(s.recordId, (coverage.get(s.recordId) ?? 0) + 1);
  const best = [...coverage].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
  if (!best) return null;
  const recordId = best[0];
  const ofRecord: ExportSample[] = [];
  for (const chunk of study.generations()) ofRecord.push(...chunk.filter((s) => s.recordId === recordId));
  const generations = [...new Set(ofRecord.map((s) => s.generation))].sort((a, b) => a - b);
  // Cross chains alternate models, so a row is a chain and each cell names its model.
  const rows = new Map<string, ({ model: string; output: string } | null)[]>();
  for (const s of ofRecord) {
    const label = `${s.design} · chain ${s.chain ?? "—"} · seed ${s.seed}`;
    const cells = rows.get(label) ?? generations.map(() => null);
    cells[generations.indexOf(s.generation)] ??= { model: s.model, output: s.output };
    rows.set(label, cells);
  }
  return {
    recordId,
    prompt: ofRecord[0]!.prompt,
    real: study.real.find((s) => s.recordId === recordId)?.output ?? null,
    generations,
    rows: [...rows].sort((a, b) => a[0].localeCompare(b[0])).map(([label, cells]) => ({ label, cells })),
  };
}
