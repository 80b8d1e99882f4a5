import { basename, resolve } from "node:path";
import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Db } from "../../db/openDatabase";
import { getDataset, insertDataset, refreshDatasetCount, publishDataset } from "../../db/queries/datasets";
import {
  findImportByHash,
  finishImport,
  insertImport,
  prepareInsertWarning,
  listImportWarnings,
  type ImportRow,
  type ImportWarning,
} from "../../db/queries/imports";
import { prepareRecordInserts } from "../../db/queries/records";
import { retryWhenBusy } from "../../db/retryWhenBusy";
import { ImportError } from "../import/ImportError";
import type { BadRow } from "../import/checkRows";
import { openTable, type ColumnChoice, type Delimiter, type TableFormat } from "../import";
import type { TableRow } from "../import/types";
import { detectionSummary } from "../import/openTable";
import type { RawReport } from "../../../shared/domain/records";
import { PreparePool } from "./PreparePool";
import { rawReportOf, type PreparedRow } from "./prepareRow";
import { sha256OfFile } from "./hashFile";
import type { ImportReport } from "../../../shared/domain/imports";
import { claimPendingImport, removeAbandonedImports, removePendingDataset, trackImport } from "./pendingImports";

import type { ImportProgress } from "../../../shared/domain/imports";
export type { ImportProgress };

export type ImportDatasetOptions = {
  file: string;
  datasetName?: string;
  kind?: "import" | "synthetic";
  map?: ColumnChoice;
  format?: TableFormat;
  encoding?: string;
  delimiter?: Delimiter;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** leave out rows with a bad field (too long, a control character, a lossy repair) and report each, instead of failing the file */
  skipBadRows?: boolean;
  /** told when the workspace is busy with another process's write and the import waits for it */
  onWait?: (message: string) => void;
};

const FIRST_WARNINGS = 50;

/**
 * Rows per write transaction: short enough that another writer (a study's heartbeat, a second
 * import, another process) waits for one chunk at most, long enough to keep the import fast.
 */
export const IMPORT_CHUNK_ROWS = 1000;

/** Above this size the rows are prepared on a worker thread: starting one costs more than small files take. */
const WORKER_FROM_BYTES = 16 * 1024 * 1024;

async function* withText(rows: AsyncIterable<TableRow>): AsyncGenerator<TableRow & { text: RawReport }> {
  for await (const row of rows) yield { ...row, text: rawReportOf(row.values) };
}

function reportOfExisting(db: Db, row: ImportRow, file: string): ImportReport {
  const stored = JSON.parse(row.report_json) as ImportReport;
  return { ...stored, status: "already-imported", file, firstWarnings: listImportWarnings(db, { importId: row.id, limit: FIRST_WARNINGS }) };
}

/**
 * Imports one export file as a dataset, all or nothing. Rows are committed in chunks of
 * IMPORT_CHUNK_ROWS, each its own short write transaction with no await inside, so other writes
 * (in this process or another) go in between; the dataset stays invisible until the last chunk
 * commits, and any fatal problem (or abort) deletes what was staged and rethrows (an ImportError
 * names file, line and problem). Row-level problems become warnings stored with the import. A file
 * already imported (same SHA-256) is not imported again.
 */
export async function importDataset(db: Db, options: ImportDatasetOptions): Promise<ImportReport> {
  const started = performance.now();
  const file = resolve(options.file);
  const sha256 = await sha256OfFile(file, options.signal);
  await removeAbandonedImports(db);
  const existing = findImportByHash(db, { sha256 });
  // an import still committing its chunks is not "already imported": starting it again is refused below
  if (existing && getDataset(db, { id: existing.dataset_id })) return reportOfExisting(db, existing, file);

  const skipped: BadRow[] = [];
  let lastBytes = { bytesRead: 0, totalBytes: statSync(file).size };
  const { detected, rows } = await openTable(file, {
    ...(options.map ? { map: options.map } : {}),
    ...(options.format ? { format: options.format } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p) => {
      lastBytes = p;
    },
    ...(options.skipBadRows ? { onBadRow: (bad: BadRow) => void skipped.push(bad) } : {}),
  });

  // IMMEDIATE: a busy database shows at BEGIN, before any row of the chunk was counted
  const write = <T>(work: () => T): Promise<T> =>
    retryWhenBusy(() => db.transaction(work).immediate(), {
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onWait ? { onWait: options.onWait } : {}),
    });
  const { datasetId, importId } = await write(() => {
    const pending = claimPendingImport(db, sha256);
    if (pending) throw new ImportError(file, `this file is already being imported by process ${pending.importing_pid}; wait for that import to finish`);
    const datasetId = insertDataset(db, {
      name: options.datasetName ?? basename(file),
      kind: options.kind ?? "import",
      settings: { source: basename(file) },
      importingPid: process.pid,
    });
    const importId = insertImport(db, {
      dataset_id: datasetId,
      file_name: basename(file),
      file_sha256: sha256,
      file_size: lastBytes.totalBytes,
      format: detected.format,
      encoding: detected.encoding,
      delimiter: detected.delimiter,
      mapping_json: JSON.stringify(detected.mapping),
      rows_read: 0,
      rows_imported: 0,
      rows_excluded: 0,
      warning_count: 0,
      report_json: "{}",
    });
    trackImport(datasetId);
    return { datasetId, importId };
  });

  try {
    const { insertRecord, insertNodule } = prepareRecordInserts(db);
    const insertWarning = prepareInsertWarning(db);
    const firstWarnings: ImportWarning[] = [];
    const warningsByCode: Record<string, number> = {};
    const excluded: Record<string, number> = {};
    let warningCount = 0;
    let rowsRead = 0;
    let rowsImported = 0;
    let rowsExcluded = 0;
    let duplicates = 0;
    let nodules = 0;
    const warn = (w: ImportWarning) => {
      warningCount++;
      warningsByCode[w.code] = (warningsByCode[w.code] ?? 0) + 1;
      if (firstWarnings.length < FIRST_WARNINGS) firstWarnings.push(w);
      insertWarning(importId, w);
    };
    type Prepared = { row: TableRow & { text: RawReport }; pre: PreparedRow };
    const writeRow = ({ row, pre }: Prepared) => {
      const { sourceId, description, additional, conclusion } = row.text;
      const recordId = insertRecord({
        dataset_id: datasetId,
        source_id: sourceId,
        source_row: row.row,
        description,
        additional,
        conclusion,
        content_hash: pre.contentHash,
        description_labels_json: pre.descriptionLabelsJson,
        conclusion_labels_json: pre.conclusionLabelsJson,
        other_labels_json: pre.otherLabelsJson,
        max_category: pre.maxCategory,
        excluded_reason: pre.excludedReason,
      });
      if (recordId === null) {
        duplicates++;
        warn({ row: row.row, line: row.line, code: "duplicate_record", message: "duplicate of an earlier row; skipped" });
        return;
      }
      for (const w of pre.warnings) warn({ row: row.row, line: row.line, code: w.code, message: w.message });
      if (pre.excludedReason) {
        rowsExcluded++;
        excluded[pre.excludedReason] = (excluded[pre.excludedReason] ?? 0) + 1;
      } else rowsImported++;
      for (const n of pre.nodules) {
        nodules++;
        insertNodule({ record_id: recordId, idx: n.index, start_offset: n.start, end_offset: n.end, labels_json: n.labelsJson, lobe: n.lobe, third: n.third });
      }
    };
    let chunk: Prepared[] = [];
    let skippedStored = 0;
    const storeSkipped = () => {
      for (const bad of skipped.slice(skippedStored)) warn({ row: bad.row, line: bad.line, code: "skipped_row", message: `skipped: ${bad.problem}` });
      skippedStored = skipped.length;
    };
    const flush = async () => {
      const rows = chunk;
      chunk = [];
      await write(() => {
        storeSkipped();
        rows.forEach(writeRow);
      });
      options.onProgress?.({ rows: rowsRead, ...lastBytes });
      options.signal?.throwIfAborted();
      // let the event loop breathe (progress, abort, other requests' writes) between chunks
      await new Promise((r) => setImmediate(r));
    };
    await write(() => {
      for (const note of detected.warnings) warn({ row: null, line: null, code: "file", message: note });
    });

    const pool = new PreparePool({ threads: lastBytes.totalBytes >= WORKER_FROM_BYTES && availableParallelism() > 1 ? 1 : 0 });
    try {
      for await (const { item: row, prepared: pre } of pool.map(withText(rows), (r) => r.text)) {
        rowsRead++;
        chunk.push({ row, pre });
        if (chunk.length >= IMPORT_CHUNK_ROWS) await flush();
      }
      if (chunk.length > 0) await flush();
    } finally {
      await pool.close();
    }
    if (rowsRead === 0)
      throw new ImportError(
        file,
        skipped.length > 0
          ? `all ${skipped.length} data rows are bad and were skipped; the first: row ${skipped[0]!.row}: ${skipped[0]!.problem}`
          : "the file has a header but no data rows",
      );
    options.onProgress?.({ rows: rowsRead, bytesRead: lastBytes.totalBytes, totalBytes: lastBytes.totalBytes });

    const report: ImportReport = {
      status: "imported",
      importId,
      datasetId,
      file,
      sha256,
      detected: detectionSummary(detected),
      rowsRead,
      rowsImported,
      rowsExcluded,
      duplicates,
      excluded,
      warningCount,
      warningsByCode,
      firstWarnings,
      nodules,
      skippedRows: skipped,
      seconds: (performance.now() - started) / 1000,
    };
    // the last chunk: the dataset appears, complete, in one commit
    await write(() => {
      storeSkipped();
      refreshDatasetCount(db, { datasetId });
      finishImport(db, { id: importId, rowsRead, rowsImported, rowsExcluded, warningCount, reportJson: JSON.stringify({ ...report, firstWarnings: [] }) });
      publishDataset(db, { id: datasetId });
    });
    return report;
  } catch (error) {
    await removePendingDataset(db, datasetId);
    throw error;
  }
}
