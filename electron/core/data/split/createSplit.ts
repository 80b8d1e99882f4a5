import type { Db } from "../../db/openDatabase";
import { iterateRecords } from "../../db/queries/records";
import { findSplit, insertSplit, splitCounts } from "../../db/queries/splits";
import { DEFAULT_RATIOS, stratifiedSplit, type SplitRatios } from "./stratifiedSplit";
import type { SplitName } from "../../../shared/domain/records";

export type SplitSummary = { splitId: number; datasetId: number; seed: number; ratios: SplitRatios; counts: Record<SplitName, number>; created: boolean };

/** Creates (or returns the existing identical) seeded stratified split of a dataset's included records. */
export function createSplit(db: Db, args: { datasetId: number; seed: number; ratios?: SplitRatios }): SplitSummary {
  const ratios = args.ratios ?? DEFAULT_RATIOS;
  const ratiosJson = JSON.stringify(ratios);
  const existing = findSplit(db, { datasetId: args.datasetId, seed: args.seed, ratiosJson });
  if (existing) {
    return { splitId: existing.id, datasetId: args.datasetId, seed: args.seed, ratios, counts: splitCounts(db, { splitId: existing.id }), created: false };
  }
  const items: { id: number; sortKey: string; stratum: number | null }[] = [];
  for (const r of iterateRecords(db, { datasetId: args.datasetId })) items.push({ id: r.id, sortKey: r.content_hash, stratum: r.max_category });
  if (items.length === 0) throw new Error(`dataset ${args.datasetId} has no records to split`);
  const assignment = stratifiedSplit(items, args.seed, ratios);
  const splitId = insertSplit(db, {
    datasetId: args.datasetId,
    seed: args.seed,
    ratiosJson,
    assignments: [...assignment].map(([recordId, part]) => ({ recordId, part })),
  });
  return { splitId, datasetId: args.datasetId, seed: args.seed, ratios, counts: splitCounts(db, { splitId }), created: true };
}
