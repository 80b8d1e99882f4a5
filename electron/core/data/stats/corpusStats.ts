import type { Db } from "../../db/openDatabase";
import { countRecords, iterateRecords, prepareNodulesOfRecord } from "../../db/queries/records";
import { listImports } from "../../db/queries/imports";
import { wordTokens } from "../../../shared/text/wordTokens";
import { histogram, summarizeLengths, topCounts } from "./summarize";

import type { CorpusStats } from "../../../shared/domain/corpusStats";
export type { CorpusStats };

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function addNgrams(map: Map<string, number>, tokens: string[], n: number): void {
  for (let i = 0; i + n <= tokens.length; i++) bump(map, tokens.slice(i, i + n).join(" "));
}

/**
 * The corpus report of the paper's section III, over a dataset's included records.
 * sentenceGrowth counts, in words, each nodule segment emitted as its own feature with the
 * description's background context prepended, against the descriptions taken whole.
 */
export function corpusStats(db: Db, args: { datasetId: number; top?: number }): CorpusStats {
  const top = args.top ?? 15;
  const counts = countRecords(db, { datasetId: args.datasetId });
  const excludedByRule: Record<string, number> = {};
  for (const imp of listImports(db, { datasetId: args.datasetId })) {
    const report = JSON.parse(imp.report_json) as { excluded?: Record<string, number> };
    for (const [k, v] of Object.entries(report.excluded ?? {})) excludedByRule[k] = (excludedByRule[k] ?? 0) + v;
  }
  const lengths = { description: [] as number[], additional: [] as number[], conclusion: [] as number[] };
  const missing = { description: 0, additional: 0, conclusion: 0 };
  const labels = {
    descriptionNone: 0,
    descriptionOne: 0,
    descriptionSeveral: 0,
    conclusionWithLabel: 0,
    categories: {} as Record<string, number>,
    maxCategory: {} as Record<string, number>,
  };
  const nodulesPerRecord: Record<string, number> = {};
  let noduleTotal = 0;
  let unlabelled = 0;
  let descriptionWords = 0;
  let segmentWords = 0;
  const bigrams = new Map<string, number>();
  const trigrams = new Map<string, number>();
  const conclusionBigrams = new Map<string, number>();

  const nodulesOf = prepareNodulesOfRecord(db);
  for (const r of iterateRecords(db, { datasetId: args.datasetId })) {
    const d = wordTokens(r.description);
    const c = wordTokens(r.conclusion);
    const a = r.additional ? wordTokens(r.additional) : [];
    if (!r.description) missing.description++;
    if (!r.additional) missing.additional++;
    else lengths.additional.push(a.length);
    if (!r.conclusion) missing.conclusion++;
    lengths.description.push(d.length);
    lengths.conclusion.push(c.length);
    addNgrams(bigrams, d, 2);
    addNgrams(trigrams, d, 3);
    addNgrams(conclusionBigrams, c, 2);

    const dl = JSON.parse(r.description_labels_json) as (number | null)[];
    if (dl.length === 0) labels.descriptionNone++;
    else if (dl.length === 1) labels.descriptionOne++;
    else labels.descriptionSeveral++;
    for (const cat of dl) labels.categories[String(cat)] = (labels.categories[String(cat)] ?? 0) + 1;
    labels.maxCategory[String(r.max_category)] = (labels.maxCategory[String(r.max_category)] ?? 0) + 1;
    if ((JSON.parse(r.conclusion_labels_json) as unknown[]).length > 0) labels.conclusionWithLabel++;

    const nodules = nodulesOf(r.id);
    noduleTotal += nodules.length;
    const bucket = nodules.length >= 5 ? "5+" : String(nodules.length);
    nodulesPerRecord[bucket] = (nodulesPerRecord[bucket] ?? 0) + 1;
    descriptionWords += d.length;
    if (nodules.length === 0) segmentWords += d.length;
    else {
      const noduleWords = nodules.map((n) => wordTokens(r.description.slice(n.start_offset, n.end_offset)).length);
      const contextWords = Math.max(0, d.length - noduleWords.reduce((x, y) => x + y, 0));
      for (const w of noduleWords) segmentWords += contextWords + w;
      for (const n of nodules) if ((JSON.parse(n.labels_json) as unknown[]).length === 0) unlabelled++;
    }
  }
  return {
    datasetId: args.datasetId,
    records: counts.included,
    excluded: counts.excluded,
    excludedByRule,
    missing,
    lengths: {
      description: summarizeLengths(lengths.description),
      additional: summarizeLengths(lengths.additional),
      conclusion: summarizeLengths(lengths.conclusion),
    },
    descriptionLengthHistogram: histogram(lengths.description, 20, 12),
    labels,
    nodules: { total: noduleTotal, perRecord: nodulesPerRecord, unlabelled },
    sentenceGrowth: {
      segments: noduleTotal,
      descriptionWords,
      segmentWords,
      growth: descriptionWords ? segmentWords / descriptionWords - 1 : 0,
    },
    topBigrams: topCounts(bigrams, top),
    topTrigrams: topCounts(trigrams, top),
    topConclusionBigrams: topCounts(conclusionBigrams, top),
  };
}
