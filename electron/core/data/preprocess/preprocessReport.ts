import type { LabelOccurrence, NoduleSegment } from "../../../shared/domain/tirads";
import type { RawReport } from "../../../shared/domain/records";
import { findLabels } from "../tirads";
import { splitDescription } from "../nodules";
import type { ExclusionReason, WarningCode } from "./cleaningRules";

export type PreprocessedReport = {
  descriptionLabels: (number | null)[];
  conclusionLabels: (number | null)[];
  otherLabels: { field: "description" | "additional" | "conclusion"; system: string; raw: string }[];
  maxCategory: number | null;
  nodules: NoduleSegment[];
  excludedReason: ExclusionReason | null;
  warnings: { code: WarningCode; message: string }[];
};

// Anything that looks like a TIRADS name, in Latin, Cyrillic or typed on the Russian layout.
const LABEL_LIKE = /(?:t\s*i[\s-]*r\s*a\s*d\s*s|ти[\s-]*радс|ешкфвы)/giu;

function euCategoriesOf(occurrences: LabelOccurrence[]): (number | null)[] {
  return occurrences.filter((o) => o.system === "EU").flatMap((o) => o.categories);
}

function labelWarnings(field: string, occurrences: LabelOccurrence[], text: string): PreprocessedReport["warnings"] {
  const warnings: PreprocessedReport["warnings"] = [];
  for (const o of occurrences) {
    if (o.system !== "EU") continue;
    if (o.flags.includes("out_of_range")) warnings.push({ code: "label_out_of_range", message: `${field}: "${o.raw}"` });
    else if (o.categories.includes(null)) warnings.push({ code: "label_without_number", message: `${field}: "${o.raw}"` });
    if (o.flags.includes("subcategory_dropped")) warnings.push({ code: "label_subcategory", message: `${field}: "${o.raw}"` });
  }
  for (const m of text.matchAll(LABEL_LIKE)) {
    const at = m.index;
    if (!occurrences.some((o) => at >= o.start - 8 && at < o.end)) {
      warnings.push({ code: "unknown_label", message: `${field}: "${text.slice(Math.max(0, at - 10), at + 24).trim()}"` });
    }
  }
  return warnings;
}

/** Normalises labels, splits nodules and applies the cleaning rules to one report. */
export function preprocessReport(report: RawReport): PreprocessedReport {
  const description = report.description.trim();
  const conclusion = report.conclusion.trim();
  const additional = report.additional?.trim() ?? "";

  const descOcc = description ? findLabels(description) : [];
  const conclOcc = conclusion ? findLabels(conclusion) : [];
  const addOcc = additional ? findLabels(additional) : [];
  const descriptionLabels = euCategoriesOf(descOcc);
  const conclusionLabels = euCategoriesOf(conclOcc);
  const numeric = descriptionLabels.filter((c): c is number => c !== null);
  const maxCategory = numeric.length ? Math.max(...numeric) : null;

  const otherLabels: PreprocessedReport["otherLabels"] = [];
  for (const [field, occ] of [
    ["description", descOcc],
    ["additional", addOcc],
    ["conclusion", conclOcc],
  ] as const) {
    for (const o of occ) if (o.system !== "EU") otherLabels.push({ field, system: o.system, raw: o.raw });
  }

  const warnings = [
    ...labelWarnings("description", descOcc, description),
    ...labelWarnings("conclusion", conclOcc, conclusion),
    ...otherLabels.map((o) => ({ code: "other_system_label" as const, message: `${o.field}: ${o.system} "${o.raw}"` })),
  ];

  let excludedReason: ExclusionReason | null = null;
  if (!description && !conclusion && !additional) excludedReason = "no_text";
  else if (!description) excludedReason = "empty_description";
  else if (!conclusion) excludedReason = "empty_conclusion";
  else if (numeric.length > 0) {
    const stray = conclusionLabels.filter((c): c is number => c !== null && !numeric.includes(c));
    if (stray.length > 0) excludedReason = "contradictory_labels";
  }
  if (excludedReason) warnings.unshift({ code: excludedReason, message: "record excluded" });

  return {
    descriptionLabels,
    conclusionLabels,
    otherLabels,
    maxCategory,
    nodules: description ? splitDescription(description, descOcc).nodules : [],
    excludedReason,
    warnings,
  };
}
