import type { LabelSpan, NoduleSpan } from "../../../../electron/shared/domain/views";

export type Segment = { start: number; end: number; label: LabelSpan | null; nodule: NoduleSpan | null };

/** Cuts a text at every label and nodule boundary, so each piece has at most one label and one nodule. */
export function segmentText(text: string, labels: LabelSpan[], nodules: NoduleSpan[]): Segment[] {
  const cuts = new Set([0, text.length]);
  for (const s of [...labels, ...nodules]) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    out.push({
      start,
      end,
      label: labels.find((l) => l.start <= start && end <= l.end) ?? null,
      nodule: nodules.find((n) => n.start <= start && end <= n.end) ?? null,
    });
  }
  return out;
}
