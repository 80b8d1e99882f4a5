import { resolve } from "node:path";
import { statSync } from "node:fs";
import type { Db } from "../../db/openDatabase";
import { findImportByHash } from "../../db/queries/imports";
import type { ImportPreview, ImportPreviewRow } from "../../../shared/domain/imports";
import { ImportError, openTable, type ColumnChoice, type Delimiter } from "../import";
import { prepareRow, rawReportOf } from "./prepareRow";
import { sha256OfFile } from "./hashFile";
import { detectionSummary } from "../import/openTable";

export type PreviewImportOptions = {
  file: string;
  map?: ColumnChoice;
  encoding?: string;
  delimiter?: Delimiter;
  /** how many of the first rows to read */
  rows: number;
  signal?: AbortSignal;
};

/**
 * What importDataset would make of a file with these settings, reading only its first rows and
 * storing nothing, so the user can correct encoding, delimiter and columns before committing.
 * A file that cannot be opened at all throws (ImportError); a bad row among the first ones, or a
 * required field without a column, is reported so the settings can still be changed.
 */
export async function previewImport(db: Db, options: PreviewImportOptions): Promise<ImportPreview> {
  const file = resolve(options.file);
  const { detected, rows } = await openTable(file, {
    ...(options.map ? { map: options.map } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    allowMissingColumns: true,
  });
  const sample: ImportPreviewRow[] = [];
  let problem: string | null = null;
  try {
    for await (const row of rows) {
      const prepared = prepareRow(rawReportOf(row.values));
      sample.push({
        row: row.row,
        line: row.line,
        values: row.values,
        excludedReason: prepared.excludedReason,
        warnings: prepared.warnings.map((w) => ({ code: w.code, message: w.message })),
      });
      if (sample.length >= options.rows) break;
    }
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    problem = error.message;
  }
  if (!problem && sample.length === 0) problem = new ImportError(file, "the file has a header but no data rows").message;
  const existing = findImportByHash(db, { sha256: await sha256OfFile(file, options.signal) });
  return {
    file,
    bytes: statSync(file).size,
    detected: { ...detectionSummary(detected), missing: detected.missing },
    rows: sample,
    problem,
    alreadyImported: existing ? { datasetId: existing.dataset_id } : null,
  };
}
