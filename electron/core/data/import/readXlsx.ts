import ExcelJS from "exceljs";
import { ImportError } from "./ImportError";
import { rowValues } from "./mapColumns";
import type { ReportField, TableRow } from "./types";

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return cellText(v.result);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
}

/** Reads the first worksheet of an XLSX with exceljs's streaming reader; row 1 is the header. */
export async function* readXlsxRows(file: string, signal?: AbortSignal): AsyncGenerator<{ line: number; cells: (string | null)[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit" });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      for await (const row of sheet) {
        signal?.throwIfAborted();
        const values = (row as unknown as { values: unknown[]; number: number }).values;
        yield { line: (row as unknown as { number: number }).number, cells: values.slice(1).map(cellText) };
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if ((error as Error).name === "AbortError" || error instanceof ImportError) throw error;
    throw new ImportError(file, `not a readable XLSX workbook (${(error as Error).message})`);
  }
  if (!sawSheet) throw new ImportError(file, "the workbook has no worksheet");
}

export async function* readXlsx(file: string, index: Partial<Record<ReportField, number>>, signal?: AbortSignal): AsyncGenerator<TableRow> {
  let row = 0;
  let header = true;
  for await (const r of readXlsxRows(file, signal)) {
    if (header) {
      header = false;
      continue;
    }
    if (r.cells.every((c) => c === null || c.trim() === "")) continue;
    row++;
    yield { row, line: r.line, values: rowValues(r.cells, index) };
  }
}
