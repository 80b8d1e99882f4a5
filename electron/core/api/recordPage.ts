import type { Db } from "../db/openDatabase";
import type { LabelSpan, RecordPage } from "../../shared/domain/views";
import { countRecords, listNodules, listRecords } from "../db/queries/records";
import { latestSplit, splitPartsOf } from "../db/queries/splits";
import { findLabels } from "../data/tirads";

function spans(field: LabelSpan["field"], text: string): LabelSpan[] {
  return findLabels(text).map((l) => ({ field, start: l.start, end: l.end, raw: l.raw, system: l.system, categories: l.categories }));
}

/** One page of a dataset's records with everything the record browser highlights. */
export function recordPage(db: Db, args: { datasetId: number; offset: number; limit: number; includeExcluded: boolean; afterId?: number }): RecordPage {
  const counts = countRecords(db, { datasetId: args.datasetId });
  const split = latestSplit(db, { datasetId: args.datasetId });
  const rows = listRecords(db, args);
  const parts = split ? splitPartsOf(db, { splitId: split.id, recordIds: rows.map((r) => r.id) }) : new Map();
  return {
    datasetId: args.datasetId,
    total: counts.included + (args.includeExcluded ? counts.excluded : 0),
    offset: args.offset,
    records: rows.map((r) => ({
      id: r.id,
      sourceId: r.source_id,
      row: r.source_row,
      description: r.description,
      additional: r.additional,
      conclusion: r.conclusion,
      descriptionLabels: JSON.parse(r.description_labels_json) as (number | null)[],
      conclusionLabels: JSON.parse(r.conclusion_labels_json) as (number | null)[],
      maxCategory: r.max_category,
      labelSpans: [...spans("description", r.description), ...spans("conclusion", r.conclusion)],
      nodules: listNodules(db, { recordId: r.id }).map((n) => ({
        index: n.idx,
        start: n.start_offset,
        end: n.end_offset,
        labels: JSON.parse(n.labels_json) as (number | null)[],
        lobe: n.lobe,
        third: n.third,
      })),
      split: parts.get(r.id) ?? null,
      excluded: r.excluded_reason,
    })),
  };
}
