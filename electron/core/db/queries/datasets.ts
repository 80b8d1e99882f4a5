import type { Db } from "../openDatabase";

export type DatasetRow = {
  id: number;
  name: string;
  kind: "import" | "synthetic";
  created_at: string;
  record_count: number;
  settings_json: string;
  /** set while an import is still committing its chunks: the dataset is not shown until it is null */
  importing_pid: number | null;
};

/** A dataset; with `importingPid` it stays invisible until `publishDataset`. */
export function insertDataset(db: Db, args: { name: string; kind: DatasetRow["kind"]; settings?: unknown; importingPid?: number }): number {
  const info = db
    .prepare("INSERT INTO datasets (name, kind, created_at, settings_json, importing_pid) VALUES (?, ?, ?, ?, ?)")
    .run(args.name, args.kind, new Date().toISOString(), JSON.stringify(args.settings ?? {}), args.importingPid ?? null);
  return Number(info.lastInsertRowid);
}

export function publishDataset(db: Db, args: { id: number }): void {
  db.prepare("UPDATE datasets SET importing_pid = NULL WHERE id = ?").run(args.id);
}

/** Datasets still being imported (or abandoned by a process that died while importing). */
export function listPendingDatasets(db: Db): { id: number; importing_pid: number }[] {
  return db.prepare("SELECT id, importing_pid FROM datasets WHERE importing_pid IS NOT NULL ORDER BY id").all() as { id: number; importing_pid: number }[];
}

/**
 * Deletes up to `limit` records (their nodules cascade) of a dataset; the dataset row itself
 * (imports, warnings, splits cascade) goes once no record is left. Returns true when it is gone,
 * so a large dataset is removed in short write transactions.
 */
export function deleteDatasetChunk(db: Db, args: { id: number; limit: number }): boolean {
  return db.transaction(() => {
    const { changes } = db.prepare("DELETE FROM records WHERE id IN (SELECT id FROM records WHERE dataset_id = ? LIMIT ?)").run(args.id, args.limit);
    if (changes > 0) return false;
    db.prepare("DELETE FROM datasets WHERE id = ?").run(args.id);
    return true;
  })();
}

export function refreshDatasetCount(db: Db, args: { datasetId: number }): number {
  const { n } = db.prepare("SELECT count(*) AS n FROM records WHERE dataset_id = ? AND excluded_reason IS NULL").get(args.datasetId) as { n: number };
  db.prepare("UPDATE datasets SET record_count = ? WHERE id = ?").run(n, args.datasetId);
  return n;
}

export function listDatasets(db: Db): DatasetRow[] {
  return db.prepare("SELECT * FROM datasets WHERE importing_pid IS NULL ORDER BY id").all() as DatasetRow[];
}

export function getDataset(db: Db, args: { id: number }): DatasetRow | undefined {
  return db.prepare("SELECT * FROM datasets WHERE id = ? AND importing_pid IS NULL").get(args.id) as DatasetRow | undefined;
}

export function findDatasetByName(db: Db, args: { name: string }): DatasetRow | undefined {
  return db.prepare("SELECT * FROM datasets WHERE name = ? AND importing_pid IS NULL ORDER BY id DESC LIMIT 1").get(args.name) as DatasetRow | undefined;
}
