import { ImportError } from "./ImportError";
import type { ColumnChoice, ColumnMapping, ReportField } from "./types";

/** Header spellings per field, compared after normalise(): Russian and English exports. */
const SYNONYMS: Record<ReportField, string[]> = {
  sourceId: ["id", "№", "n", "no", "номер", "record id", "record_id", "id исследования", "номер исследования"],
  description: ["описание", "description", "findings", "протокол", "протокол исследования", "описание исследования"],
  additional: ["дополнительные данные", "additional", "additional data", "доп данные", "доп. данные", "дополнительно"],
  conclusion: ["заключение", "conclusion", "impression", "вывод"],
};

const REQUIRED: ReportField[] = ["description", "conclusion"];

export function normaliseHeader(header: string): string {
  return header
    .normalize("NFC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[_]+/g, " ")
    .replace(/^[\s"'«»:.()[\]-]+|[\s"'«»:.()[\]-]+$/g, "")
    .replace(/\s+/g, " ");
}

/**
 * Resolves which column holds each field: the explicit choice first (null: no column), then the
 * known names. A required field without a column throws unless allowMissing (a preview lists it).
 */
export function mapColumns(
  file: string,
  headers: string[],
  explicit: ColumnChoice = {},
  allowMissing = false,
): { mapping: ColumnMapping; index: Partial<Record<ReportField, number>>; unmapped: string[]; missing: ReportField[] } {
  const normalised = headers.map(normaliseHeader);
  const index: Partial<Record<ReportField, number>> = {};
  const mapping: ColumnMapping = {};
  for (const field of Object.keys(SYNONYMS) as ReportField[]) {
    const wanted = explicit[field];
    let i = -1;
    if (typeof wanted === "string") {
      i = normalised.indexOf(normaliseHeader(wanted));
      if (i < 0) throw new ImportError(file, `--map ${field}=${wanted}: no such column; headers: ${headers.join(", ")}`);
    } else if (wanted === undefined) {
      const syn = SYNONYMS[field].map(normaliseHeader);
      i = normalised.findIndex((h) => syn.includes(h));
    }
    if (i >= 0) {
      index[field] = i;
      mapping[field] = headers[i]!;
    }
  }
  const missing = REQUIRED.filter((field) => index[field] === undefined);
  if (missing.length && !allowMissing) {
    throw new ImportError(
      file,
      `no column for ${missing.join(" and ")}; headers: ${headers.map((h) => `"${h}"`).join(", ")}; use --map ${missing[0]}=<header>`,
    );
  }
  const used = new Set(Object.values(index));
  return { mapping, index, unmapped: headers.filter((_, i) => !used.has(i)), missing };
}

export function rowValues(cells: readonly unknown[], index: Partial<Record<ReportField, number>>): Record<ReportField, string | null> {
  const get = (f: ReportField) => {
    const i = index[f];
    if (i === undefined) return null;
    const v = cells[i];
    if (v === null || v === undefined) return null;
    // one line-break convention whatever the export used, so content hashes agree across formats
    const s = String(v).replace(/\r\n?/g, "\n").trim();
    return s === "" ? null : s;
  };
  return { sourceId: get("sourceId"), description: get("description"), additional: get("additional"), conclusion: get("conclusion") };
}
