import { ImportError } from "./ImportError";
import type { ColumnMapping, ReportField, TableRow } from "./types";

/**
 * The most characters one field may hold. Real reports are a few KB; a field far beyond that is a
 * damaged file or a quote that swallowed the rest of it, and would be split into thousands of
 * "nodules". Checked on every row as it is read.
 */
export const MAX_FIELD_CHARS = 256 * 1024;

/** Control characters other than tab and line breaks (NUL first): never in a report typed by a person. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A row that cannot be imported faithfully, and why (naming the column). */
export type BadRow = { row: number; line: number; problem: string };

const FIELDS: ReportField[] = ["sourceId", "description", "additional", "conclusion"];

function columnName(mapping: ColumnMapping, field: ReportField): string {
  return mapping[field] !== undefined ? `column "${mapping[field]}"` : `the ${field} field`;
}

/** What is wrong with a row's fields, or null. */
export function fieldProblem(values: TableRow["values"], mapping: ColumnMapping): string | null {
  for (const field of FIELDS) {
    const value = values[field];
    if (value === null) continue;
    if (value.length > MAX_FIELD_CHARS) {
      return (
        `${columnName(mapping, field)} holds ${value.length.toLocaleString("en-US")} characters; ` +
        `a field may hold at most ${MAX_FIELD_CHARS.toLocaleString("en-US")} (a report is a few thousand): the file is damaged or a quote is never closed`
      );
    }
    const control = CONTROL.exec(value);
    if (control) {
      const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      return (
        `${columnName(mapping, field)} contains the control character U+${code}${code === "0000" ? " (NUL)" : ""}; ` +
        "the file may be UTF-16 read with the wrong encoding, or damaged"
      );
    }
  }
  return null;
}

/**
 * The rows of any reader with every field checked: a bad row (too long a field, a control
 * character, a text a reader could not decode without loss) throws an ImportError naming the row
 * and column, or, with `onBadRow` (skip bad rows), is reported there and left out.
 */
export async function* checkRows(
  file: string,
  rows: AsyncIterable<TableRow>,
  mapping: ColumnMapping,
  onBadRow?: (bad: BadRow) => void,
): AsyncGenerator<TableRow> {
  for await (const r of rows) {
    const problem = r.problem ?? fieldProblem(r.values, mapping);
    if (problem === null) {
      yield r;
      continue;
    }
    if (!onBadRow) throw new ImportError(file, `data row ${r.row}: ${problem}`, r.line);
    onBadRow({ row: r.row, line: r.line, problem });
  }
}
