import type { SplitName } from "../../../shared/domain/records";
import type { Db } from "../openDatabase";

export type SplitRow = { id: number; dataset_id: number; seed: number; ratios_json: string; created_at: string };

export function findSplit(db: Db, args: { datasetId: number; seed: number; ratiosJson: string }): SplitRow | undefined {
  return db.prepare("SELECT * FROM splits WHERE dataset_id = ? AND seed = ? AND ratios_json = ?").get(args.datasetId, args.seed, args.ratiosJson) as
    SplitRow | undefined;
}

export function latestSplit(db: Db, args: { datasetId: number }): SplitRow | undefined {
  return db.prepare("SELECT * FROM splits WHERE dataset_id = ? ORDER BY id DESC LIMIT 1").get(args.datasetId) as SplitRow | undefined;
}

export function insertSplit(
  db: Db,
  args: { datasetId: number; seed: number; ratiosJson: string; assignments: Iterable<{ recordId: number; part: SplitName }> },
): number {
  return db.transaction(() => {
    const info = db
      .prepare("INSERT INTO splits (dataset_id, seed, ratios_json, created_at) VALUES (?, ?, ?, ?)")
      .run(args.datasetId, args.seed, args.ratiosJson, new Date().toISOString());
    const splitId = Number(info.lastInsertRowid);
    const stmt = db.prepare("INSERT INTO split_assignments (split_id, record_id, part) VALUES (?, ?, ?)");
    for (const a of args.assignments) stmt.run(splitId, a.recordId, a.part);
    return splitId;
  })();
}

/** The parts of some records only: one page of a large dataset without reading its whole split. */
export function splitPartsOf(db: Db, args: { splitId: number; recordIds: readonly number[] }): Map<number, SplitName> {
  const rows = db
    .prepare("SELECT record_id, part FROM split_assignments WHERE split_id = ? AND record_id IN (SELECT value FROM json_each(?))")
    .all(args.splitId, JSON.stringify(args.recordIds)) as { record_id: number; part: SplitName }[];
  return new Map(rows.map((r) => [r.record_id, r.part]));
}

export function splitAssignments(db: Db, args: { splitId: number }): Map<number, SplitName> {
  const rows = db.prepare("SELECT record_id, part FROM split_assignments WHERE split_id = ?").all(args.splitId) as {
    record_id: number;
    part: SplitName;
  }[];
  return new Map(rows.map((r) => [r.record_id, r.part]));
}

export function splitCounts(db: Db, args: { splitId: number }): Record<SplitName, number> {
  const rows = db.prepare("SELECT part, count(*) AS n FROM split_assignments WHERE split_id = ? GROUP BY part").all(args.splitId) as {
    part: SplitName;
    n: number;
  }[];
  const out: Record<SplitName, number> = { train: 0, val: 0, test: 0 };
  for (const r of rows) out[r.part] = r.n;
  return out;
}

/**
 * The included records of one part of a split, by content hash then id: what a study's real pairs
 * are drawn from. Only the columns a pair needs, so a large dataset is not read whole.
 */
export function listSplitPartRecords(
  db: Db,
  args: { datasetId: number; splitId: number; part: SplitName },
): { id: number; description: string; additional: string | null; conclusion: string }[] {
  return db
    .prepare(
      `SELECT r.id, r.description, r.additional, r.conclusion FROM split_assignments s JOIN records r ON r.id = s.record_id
       WHERE s.split_id = ? AND s.part = ? AND r.dataset_id = ? AND r.excluded_reason IS NULL
       ORDER BY r.content_hash, r.id`,
    )
    .all(args.splitId, args.part, args.datasetId) as { id: number; description: string; additional: string | null; conclusion: string }[];
}
