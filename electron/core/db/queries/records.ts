import type { Db } from "../openDatabase";

export type RecordInsert = {
  dataset_id: number;
  source_id: string | null;
  source_row: number;
  description: string;
  additional: string | null;
  conclusion: string;
  content_hash: string;
  description_labels_json: string;
  conclusion_labels_json: string;
  other_labels_json: string;
  max_category: number | null;
  excluded_reason: string | null;
};

export type RecordRow = RecordInsert & { id: number };

/** A nodule's text is not stored twice: it is description.slice(start_offset, end_offset). */
export type NoduleInsert = {
  record_id: number;
  idx: number;
  start_offset: number;
  end_offset: number;
  labels_json: string;
  lobe: string | null;
  third: string | null;
};

export type NoduleRow = NoduleInsert & { id: number };

/** Prepared inserts for bulk loading inside one transaction. Returns null for a duplicate record. */
export function prepareRecordInserts(db: Db): {
  insertRecord: (r: RecordInsert) => number | null;
  insertNodule: (n: NoduleInsert) => void;
} {
  // positional parameters: measurably faster than named ones on million-row imports
  const rec = db.prepare(
    `INSERT OR IGNORE INTO records (dataset_id, source_id, source_row, description, additional, conclusion, content_hash,
       description_labels_json, conclusion_labels_json, other_labels_json, max_category, excluded_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const nod = db.prepare(`INSERT INTO nodules (record_id, idx, start_offset, end_offset, labels_json, lobe, third) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  return {
    insertRecord: (r) => {
      const info = rec.run(
        r.dataset_id,
        r.source_id,
        r.source_row,
        r.description,
        r.additional,
        r.conclusion,
        r.content_hash,
        r.description_labels_json,
        r.conclusion_labels_json,
        r.other_labels_json,
        r.max_category,
        r.excluded_reason,
      );
      return info.changes === 0 ? null : Number(info.lastInsertRowid);
    },
    insertNodule: (n) => void nod.run(n.record_id, n.idx, n.start_offset, n.end_offset, n.labels_json, n.lobe, n.third),
  };
}

export function iterateRecords(db: Db, args: { datasetId: number; includeExcluded?: boolean }): IterableIterator<RecordRow> {
  const sql = args.includeExcluded
    ? "SELECT * FROM records WHERE dataset_id = ? ORDER BY id"
    : "SELECT * FROM records WHERE dataset_id = ? AND excluded_reason IS NULL ORDER BY id";
  return db.prepare(sql).iterate(args.datasetId) as IterableIterator<RecordRow>;
}

/** A page of records by id; `afterId` pages through a large dataset without the cost of a growing offset. */
export function listRecords(db: Db, args: { datasetId: number; offset?: number; limit?: number; afterId?: number; includeExcluded?: boolean }): RecordRow[] {
  const where = args.includeExcluded ? "" : " AND excluded_reason IS NULL";
  return db
    .prepare(`SELECT * FROM records WHERE dataset_id = ? AND id > ?${where} ORDER BY id LIMIT ? OFFSET ?`)
    .all(args.datasetId, args.afterId ?? 0, args.limit ?? -1, args.offset ?? 0) as RecordRow[];
}

export function countRecords(db: Db, args: { datasetId: number }): { included: number; excluded: number } {
  const row = db
    .prepare(
      `SELECT sum(excluded_reason IS NULL) AS included, sum(excluded_reason IS NOT NULL) AS excluded
       FROM records WHERE dataset_id = ?`,
    )
    .get(args.datasetId) as { included: number | null; excluded: number | null };
  return { included: row.included ?? 0, excluded: row.excluded ?? 0 };
}

export function listNodules(db: Db, args: { recordId: number }): NoduleRow[] {
  return db.prepare("SELECT * FROM nodules WHERE record_id = ? ORDER BY idx").all(args.recordId) as NoduleRow[];
}

/** A reusable reader of one record's nodules, for loops over many records. */
export function prepareNodulesOfRecord(db: Db): (recordId: number) => NoduleRow[] {
  const stmt = db.prepare("SELECT * FROM nodules WHERE record_id = ? ORDER BY idx");
  return (recordId) => stmt.all(recordId) as NoduleRow[];
}
