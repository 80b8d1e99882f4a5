import type { CorpusStats, LengthSummary } from "../../shared/domain/corpusStats";
import { table } from "../output";

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : "—");
const f1 = (x: number) => x.toFixed(1);

function lengthRow(name: string, s: LengthSummary): (string | number)[] {
  return [name, s.count, s.min, f1(s.p10), f1(s.median), f1(s.mean), f1(s.p90), s.max];
}

/** The corpus report as people read it (the paper's section III). */
export function formatCorpusStats(s: CorpusStats): string {
  const n = s.records;
  const cats = Object.entries(s.labels.categories).sort();
  return [
    `Corpus report — dataset ${s.datasetId}`,
    `  records ${n} (excluded by cleaning rules: ${s.excluded}${
      Object.keys(s.excludedByRule).length
        ? " — " +
          Object.entries(s.excludedByRule)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")
        : ""
    })`,
    "",
    "Missing values",
    table(
      [
        ["Описание (description)", s.missing.description, pct(s.missing.description, n)],
        ["Дополнительные данные (additional)", s.missing.additional, pct(s.missing.additional, n)],
        ["Заключение (conclusion)", s.missing.conclusion, pct(s.missing.conclusion, n)],
      ],
      ["field", "missing", "share"],
    ),
    "",
    "Lengths (word tokens)",
    table(
      [lengthRow("description", s.lengths.description), lengthRow("additional", s.lengths.additional), lengthRow("conclusion", s.lengths.conclusion)],
      ["field", "n", "min", "p10", "median", "mean", "p90", "max"],
    ),
    "",
    "EU-TIRADS labels",
    `  descriptions with no label ${s.labels.descriptionNone} (${pct(s.labels.descriptionNone, n)}), ` +
      `one ${s.labels.descriptionOne} (${pct(s.labels.descriptionOne, n)}), ` +
      `several ${s.labels.descriptionSeveral} (${pct(s.labels.descriptionSeveral, n)})`,
    `  conclusions with a label ${s.labels.conclusionWithLabel} (${pct(s.labels.conclusionWithLabel, n)})`,
    table(
      cats.map(([c, k]) => [c === "null" ? "no number" : `EU-TIRADS ${c}`, k]),
      ["label", "count"],
    ),
    "",
    `Nodules: ${s.nodules.total} segments (${s.nodules.unlabelled} unlabelled); per record: ${Object.entries(s.nodules.perRecord)
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ")}`,
    `Per-nodule sentences grow the feature field by ${(100 * s.sentenceGrowth.growth).toFixed(1)} % ` +
      `(${s.sentenceGrowth.descriptionWords} → ${s.sentenceGrowth.segmentWords} words; the paper: +8.4 %)`,
    "",
    "Top description bigrams",
    table(s.topBigrams.map((b) => [b.text, b.count])),
    "",
    "Top description trigrams",
    table(s.topTrigrams.map((b) => [b.text, b.count])),
    "",
    "Top conclusion bigrams",
    table(s.topConclusionBigrams.map((b) => [b.text, b.count])),
  ].join("\n");
}
