import type { Db } from "../openDatabase";

export type DatasetRow = {
  id: number;
  name: string;
  kind: "import" | "synthetic";
  created_at: string;
  record_count: number;
  settings_json: string;
};

export function insertDataset(db: Db, args: { name: string; kind: DatasetRow["kind"]; settings?: unknown }): number {
  const info = db
    .prepare("INSERT INTO datasets (name, kind, created_at, settings_json) VALUES (?, ?, ?, ?)")
    .run(args.name, args.kind, new Date().toISOString(), JSON.stringify(args.settings ?? {}));
  return Number(info.lastInsertRowid);
}

export function refreshDatasetCount(db: Db, args: { datasetId: number }): number {
  const { n } = db
    .prepare("SELECT count(*) AS n FROM records WHERE dataset_id = ? AND excluded_reason IS NULL")
    .get(args.datasetId) as { n: number };
  db.prepare("UPDATE datasets SET record_count = ? WHERE id = ?").run(n, args.datasetId);
  return n;
}

export function listDatasets(db: Db): DatasetRow[] {
  return db.prepare("SELECT * FROM datasets ORDER BY id").all() as DatasetRow[];
}

export function getDataset(db: Db, args: { id: number }): DatasetRow | undefined {
  return db.prepare("SELECT * FROM datasets WHERE id = ?").get(args.id) as DatasetRow | undefined;
}

export function findDatasetByName(db: Db, args: { name: string }): DatasetRow | undefined {
  return db.prepare("SELECT * FROM datasets WHERE name = ? ORDER BY id DESC LIMIT 1").get(args.name) as DatasetRow | undefined;
}
