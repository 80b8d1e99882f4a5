import type { LabelOccurrence, NoduleSegment, SplitDescription } from "../../../shared/domain/tirads";
import { findLabels } from "../tirads";
import { lobeOf, thirdOf } from "./location";

// A sentence that introduces a thyroid nodule. Lymph nodes ("лимфоузел", "лимфатические узлы"),
// parathyroid findings and negations ("образования не выявлены") do not.
const NODULE = new RegExp(
  [
    String.raw`(?<![\p{L}])(?:узл(?:ов(?:ое|ые|ым)?|ы)?|узел|образовани[еяй]|кист[аыо]?|очаг(?:ов(?:ое|ые))?)(?![\p{L}])`,
    String.raw`|(?:гипо|изо|гипер|ан)эхогенн(?:ая|ое|ый)\s+(?:зона|участок)`,
  ].join(""),
  "iu",
);
const NOT_THYROID = /лимф|л\/у|околощитовид|ОЩЖ|не\s+(?:выявлен|визуализ|определя|обнаруж)|отсутству|узлов\s+нет|без\s+узл/iu;
// "Узел №1 (EU-TIRADS 3): …" — the label opens its nodule instead of closing it
const LABEL_FIRST = /^\s*\)?\s*:/u;

type Piece = { start: number; end: number; labels: LabelOccurrence[]; labelFirst: boolean };

/** Labels that touch ("EU-TIRADS 3, EU-TIRADS 4") close one nodule together. */
function groupLabels(text: string, labels: LabelOccurrence[]): { start: number; end: number; labels: LabelOccurrence[]; labelFirst: boolean }[] {
  const groups: { start: number; end: number; labels: LabelOccurrence[]; labelFirst: boolean }[] = [];
  for (const l of labels) {
    const last = groups[groups.length - 1];
    if (last && /^[\s,;и()]*$/u.test(text.slice(last.end, l.start))) {
      last.labels.push(l);
      last.end = l.end;
    } else groups.push({ start: l.start, end: l.end, labels: [l], labelFirst: false });
  }
  for (const g of groups) {
    g.labelFirst = LABEL_FIRST.test(text.slice(g.end));
    if (!g.labelFirst) {
      const close = /^\s*[)\]]+\.?|^\./u.exec(text.slice(g.end));
      if (close) g.end += close[0].length;
    }
  }
  return groups;
}

/** Sentence pieces, also cut right after every closing label (often no full stop follows one). */
function pieces(text: string, groups: ReturnType<typeof groupLabels>): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of text.matchAll(/[.!?;](?=\s+[А-ЯЁA-Z(«"№])|\n+/gu)) cuts.add(m.index + m[0].length);
  for (const g of groups) {
    if (g.labelFirst) {
      // start the piece at the sentence that holds the label ("Узел №2 (EU-TIRADS 4):")
      const before = text.slice(0, g.start);
      const s = Math.max(before.lastIndexOf(". "), before.lastIndexOf("\n"));
      cuts.add(s >= 0 ? s + 1 : 0);
    } else cuts.add(g.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]!;
    const end = sorted[i + 1]!;
    if (!text.slice(start, end).trim()) continue;
    const inside = groups.filter((g) => g.start >= start && g.start < end);
    out.push({ start, end, labels: inside.flatMap((g) => g.labels), labelFirst: inside.some((g) => g.labelFirst) });
  }
  return out;
}

function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/**
 * Splits a description into per-nodule segments (doc §6). In this corpus a label closes a nodule:
 * a segment runs from the end of the previous label up to and including the next one. Sentences
 * that introduce another nodule start a segment of their own (an unlabelled nodule); background
 * sentences before the first nodule are context; what follows the last nodule and is not about a
 * thyroid nodule (lymph nodes, parathyroid glands) is trailing. Label-first items
 * ("Узел №1 (EU-TIRADS 3): …") open their segment instead.
 */
export function splitDescription(description: string, labels: LabelOccurrence[] = findLabels(description)): SplitDescription {
  const groups = groupLabels(
    description,
    labels.filter((o) => o.system === "EU"),
  );
  const segs: { start: number; end: number; labels: LabelOccurrence[] }[] = [];
  const context: string[] = [];
  const trailing: string[] = [];
  let open: { start: number; end: number; labels: LabelOccurrence[]; closable: boolean } | null = null;
  let labelsAhead = groups.some((g) => !g.labelFirst);

  const close = () => {
    if (open) segs.push({ start: open.start, end: open.end, labels: open.labels });
    open = null;
  };

  for (const p of pieces(description, groups)) {
    const s = description.slice(p.start, p.end);
    const intro = NODULE.test(s) && !NOT_THYROID.test(s);
    const closing = p.labels.length > 0 && !p.labelFirst;
    if (p.labelFirst) {
      close();
      open = { start: p.start, end: p.end, labels: p.labels, closable: false };
      continue;
    }
    if (closing) {
      if (open && open.closable) {
        open.end = p.end;
        open.labels = [...open.labels, ...p.labels];
      } else {
        close();
        open = { start: p.start, end: p.end, labels: p.labels, closable: true };
      }
      close();
      labelsAhead = groups.some((g) => !g.labelFirst && g.start >= p.end);
      continue;
    }
    if (intro) {
      if (open && (open.closable === false || open.labels.length === 0)) close();
      if (!open) open = { start: p.start, end: p.end, labels: [], closable: true };
      else open.end = p.end;
      continue;
    }
    if (NOT_THYROID.test(s) && !labelsAhead) {
      close();
      (segs.length ? trailing : context).push(s);
      continue;
    }
    if (open) open.end = p.end;
    else if (segs.length === 0) context.push(s);
    else if (labelsAhead) open = { start: p.start, end: p.end, labels: [], closable: true };
    else trailing.push(s);
  }
  close();

  let previousLobe: NoduleSegment["lobe"] = null;
  const nodules = segs.map((seg, index): NoduleSegment => {
    const span = trimmed(description, seg.start, seg.end);
    const text = description.slice(span.start, span.end);
    const found = lobeOf(text);
    const lobe = found === "same" ? previousLobe : found;
    previousLobe = lobe;
    return { index, start: span.start, end: span.end, text, labels: seg.labels.flatMap((l) => l.categories), lobe, third: thirdOf(text) };
  });
  const join = (parts: string[]) =>
    parts
      .map((p) => p.trim())
      .filter(Boolean)
      .join(" ");
  return { context: join(context), nodules, trailing: join(trailing) };
}
