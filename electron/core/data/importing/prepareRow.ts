import { createHash } from "node:crypto";
import type { RawReport } from "../../../shared/domain/records";
import type { TableRow } from "../import/types";
import type { Lobe } from "../../../shared/domain/tirads";
import { preprocessReport, type PreprocessedReport } from "../preprocess/preprocessReport";

/** Everything the database needs of a row beyond its text: the CPU-heavy part of an import. */
export type PreparedRow = {
  contentHash: string;
  descriptionLabelsJson: string;
  conclusionLabelsJson: string;
  otherLabelsJson: string;
  maxCategory: number | null;
  excludedReason: PreprocessedReport["excludedReason"];
  warnings: PreprocessedReport["warnings"];
  nodules: { index: number; start: number; end: number; labelsJson: string; lobe: Lobe | null; third: string | null }[];
};

function contentHash(description: string, additional: string | null, conclusion: string): string {
  return createHash("sha256")
    .update(description)
    .update("\u0000")
    .update(additional ?? "")
    .update("\u0000")
    .update(conclusion)
    .digest("base64url");
}

/** A row's cells as a report: empty required text stays "" so the cleaning rules can exclude it. */
export function rawReportOf(values: TableRow["values"]): RawReport {
  return {
    sourceId: values.sourceId,
    description: values.description?.trim() ?? "",
    additional: values.additional?.trim() || null,
    conclusion: values.conclusion?.trim() ?? "",
  };
}

/** `r` as the importer read it, trimmed. */
export function prepareRow(r: RawReport): PreparedRow {
  const pre = preprocessReport(r);
  return {
    contentHash: contentHash(r.description, r.additional, r.conclusion),
    descriptionLabelsJson: JSON.stringify(pre.descriptionLabels),
    conclusionLabelsJson: JSON.stringify(pre.conclusionLabels),
    otherLabelsJson: JSON.stringify(pre.otherLabels),
    maxCategory: pre.maxCategory,
    excludedReason: pre.excludedReason,
    warnings: pre.warnings,
    nodules: pre.nodules.map((n) => ({ index: n.index, start: n.start, end: n.end, labelsJson: JSON.stringify(n.labels), lobe: n.lobe, third: n.third })),
  };
}
