import type { Db } from "../db/openDatabase";
import { getDataset, findDatasetByName, listDatasets, type DatasetRow } from "../db/queries/datasets";
import { listSplitPartRecords } from "../db/queries/splits";
import { createRng, shuffled } from "../../shared/random";
import type { StudySpec } from "../../shared/domain/study";
import type { SplitName } from "../../shared/domain/records";

export type RealPair = { recordId: number; description: string; additional: string | null; conclusion: string };

export function resolveStudyDataset(db: Db, ref: StudySpec["dataset"]): DatasetRow {
  if (ref === null) {
    const all = listDatasets(db);
    const ds = all[all.length - 1];
    if (!ds) throw new Error('dataset: the workspace has no dataset; run "lab synth" or "lab import <file>" first');
    return ds;
  }
  const ds = typeof ref === "number" ? getDataset(db, { id: ref }) : findDatasetByName(db, { name: ref });
  if (!ds) throw new Error(`dataset: no dataset ${typeof ref === "number" ? `with id ${ref}` : `named "${ref}"`}`);
  return ds;
}

/**
 * The real pairs of one part of the split, in a seeded order, cut to `limit`. Ordered by the
 * records' content hash first so the subsample depends on content and seed, not on row ids.
 */
export function realPairs(db: Db, args: { datasetId: number; splitId: number; part: SplitName; limit: number | null; seed: number }): RealPair[] {
  const rows = listSplitPartRecords(db, args);
  const ordered = shuffled(rows, createRng(args.seed).fork(`pairs:${args.part}`));
  return ordered
    .slice(0, args.limit ?? ordered.length)
    .map((r) => ({ recordId: r.id, description: r.description, additional: r.additional, conclusion: r.conclusion }));
}
