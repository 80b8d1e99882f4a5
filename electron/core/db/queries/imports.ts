import type { Db } from "../openDatabase";

export type ImportRow = {
  id: number;
  dataset_id: number;
  file_name: string;
  file_sha256: string;
  file_size: number;
  format: string;
  encoding: string | null;
  delimiter: string | null;
  mapping_json: string;
  imported_at: string;
  rows_read: number;
  rows_imported: number;
  rows_excluded: number;
  warning_count: number;
  report_json: string;
};

import type { ImportWarning } from "../../../shared/domain/imports";
export type { ImportWarning };

export function findImportByHash(db: Db, args: { sha256: string }): ImportRow | undefined {
  return db.prepare("SELECT * FROM imports WHERE file_sha256 = ?").get(args.sha256) as ImportRow | undefined;
}

export function deleteImport(db: Db, args: { id: number }): void {
  db.prepare("DELETE FROM imports WHERE id = ?").run(args.id);
}

export function insertImport(db: Db, args: Omit<ImportRow, "id" | "imported_at">): number {
  const info = db
    .prepare(
      `INSERT INTO imports (dataset_id, file_name, file_sha256, file_size, format, encoding, delimiter, mapping_json,
        imported_at, rows_read, rows_imported, rows_excluded, warning_count, report_json)
       VALUES (@dataset_id, @file_name, @file_sha256, @file_size, @format, @encoding, @delimiter, @mapping_json,
        @imported_at, @rows_read, @rows_imported, @rows_excluded, @warning_count, @report_json)`,
    )
    .run({ ...args, imported_at: new Date().toISOString() });
  return Number(info.lastInsertRowid);
}

export function prepareInsertWarning(db: Db): (importId: number, w: ImportWarning) => void {
  const stmt = db.prepare("INSERT INTO import_warnings (import_id, row, line, code, message) VALUES (?, ?, ?, ?, ?)");
  return (importId, w) => void stmt.run(importId, w.row, w.line, w.code, w.message);
}

export function listImports(db: Db, args: { datasetId?: number } = {}): ImportRow[] {
  return args.datasetId === undefined
    ? (db.prepare("SELECT * FROM imports ORDER BY id").all() as ImportRow[])
    : (db.prepare("SELECT * FROM imports WHERE dataset_id = ? ORDER BY id").all(args.datasetId) as ImportRow[]);
}

export function listImportWarnings(db: Db, args: { importId: number; limit?: number }): ImportWarning[] {
  return db
    .prepare("SELECT row, line, code, message FROM import_warnings WHERE import_id = ? ORDER BY id LIMIT ?")
    .all(args.importId, args.limit ?? -1) as ImportWarning[];
}

export function finishImport(
  db: Db,
  args: { id: number; rowsRead: number; rowsImported: number; rowsExcluded: number; warningCount: number; reportJson: string },
): void {
  db.prepare(`UPDATE imports SET rows_read = ?, rows_imported = ?, rows_excluded = ?, warning_count = ?, report_json = ? WHERE id = ?`).run(
    args.rowsRead,
    args.rowsImported,
    args.rowsExcluded,
    args.warningCount,
    args.reportJson,
    args.id,
  );
}
