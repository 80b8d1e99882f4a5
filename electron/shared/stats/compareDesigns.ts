import type { MetricPoint } from "../domain/views";
import { FLOOR_OF } from "../charts/noiseFloors";
import { designLabel, metricLabel, trainingTextOf, type LabelLanguage } from "../domain/metricLabels";
import { holm, pairedTest, slope, type PairedTest } from "./pairedTest";

/** One side of a comparison: a design's chain of one model ("recursive:tiny-mistral"). */
export type ComparisonSide = { design: string; model: string };

/**
 * The per-seed summaries, fixed before looking (docs/metrics.md): "last" = the metric at the last
 * generation minus that generation's noise floor (the raw value where the metric has no floor);
 * "slope" = the least-squares slope of the metric over generations 1..last, within one chain: a
 * cross design's model alternates between the chain that starts with it and the chain that starts
 * with the other model, so its slope is each chain's slope (over that chain's generations of the
 * model), averaged over the seed's chains — never one line fitted through two lineages.
 */
export const SUMMARIES = ["last", "slope"] as const;
export type Summary = (typeof SUMMARIES)[number];

export type ComparisonRow = PairedTest & {
  metric: string;
  summary: Summary;
  /** the seeds paired, and each side's per-seed summary in the same order */
  seeds: number[];
  a: number[];
  b: number[];
  /** whether the "last" summary subtracted a noise floor */
  floored: boolean;
  /** the exact test's p, Holm-adjusted across the metrics of this comparison (per summary) */
  holmP: number | null;
};

/** A side's lineage as stored: its chains, and whose text its generations after the first learned from (metrics.csv's trained_on). */
export type SideLineage = { chains: string[]; trainedOn: string };

export type Comparison = {
  a: ComparisonSide;
  b: ComparisonSide;
  lineage: { a: SideLineage; b: SideLineage };
  /** the last generation both sides reached */
  generation: number;
  seeds: number[];
  rows: ComparisonRow[];
  /** false with fewer than 6 seeds: the exact two-sided test cannot go below 2/2ⁿ > 0.05 */
  exactCanReach05: boolean;
};

/** The metrics a comparison tests when none are named, in this order: the first is the answer sentence's. */
export const DEFAULT_COMPARISON_METRICS = [
  "kl_unigram_vs_m1",
  "kl_unigram_vs_real",
  "kl_bigram_vs_real",
  "js_unigram_vs_real",
  "distinct_3",
  "unique_outputs",
] as const;

/** "recursive:tiny-mistral" → its side; the design is everything before the first colon. */
export function parseSide(text: string): ComparisonSide {
  const at = text.indexOf(":");
  if (at <= 0 || at === text.length - 1) throw new Error(`"${text}" is not design:model (for example recursive:tiny-mistral)`);
  return { design: text.slice(0, at), model: text.slice(at + 1) };
}

export const sideLabel = (s: ComparisonSide): string => `${s.design}:${s.model}`;

/**
 * Paired comparison of two sides of one study across seeds (the unit: designs of one seed share
 * generation 1). Seeds missing a needed point on either side are left out of that row.
 */
export function compareDesigns(points: readonly MetricPoint[], a: ComparisonSide, b: ComparisonSide, metrics?: readonly string[]): Comparison {
  const of = (s: ComparisonSide) => points.filter((p) => p.design === s.design && p.model === s.model && p.seed !== null && p.generation >= 1);
  const pa = of(a);
  const pb = of(b);
  for (const [side, ps] of [
    [a, pa],
    [b, pb],
  ] as const) {
    if (!ps.length) {
      const present = [...new Set(points.filter((p) => p.generation >= 1).map((p) => `${p.design}:${p.model}`))].sort();
      throw new Error(`this study has no metric points for ${sideLabel(side)}; it has ${present.join(", ") || "none yet"}`);
    }
  }
  const generation = Math.min(Math.max(...pa.map((p) => p.generation)), Math.max(...pb.map((p) => p.generation)));
  const present = new Set([...pa, ...pb].map((p) => p.metric));
  const chosen = metrics?.length ? [...metrics] : DEFAULT_COMPARISON_METRICS.filter((m) => present.has(m));
  for (const m of chosen) if (!present.has(m)) throw new Error(`this study has no metric "${m}"; it has ${[...present].sort().join(", ")}`);
  const seeds = [...new Set(pa.map((p) => p.seed!))].filter((s) => pb.some((p) => p.seed === s)).sort((x, y) => x - y);

  const rows: ComparisonRow[] = [];
  for (const summary of SUMMARIES) {
    const family = chosen.map((metric) => summaryRow(pa, pb, seeds, metric, summary, generation));
    const adjusted = holm(family.map((r) => r.exactP));
    family.forEach((r, i) => rows.push({ ...r, holmP: adjusted[i]! }));
  }
  const models = [...new Set(points.filter((p) => p.generation >= 1).map((p) => p.model))];
  const lineageOf = (side: ComparisonSide, ps: readonly MetricPoint[]): SideLineage => ({
    chains: [...new Set(ps.map((p) => p.chain).filter((c): c is string => !!c))].sort(),
    trainedOn: trainingTextOf(side.design, side.model, Math.max(2, generation), models),
  });
  return { a, b, lineage: { a: lineageOf(a, pa), b: lineageOf(b, pb) }, generation, seeds, rows, exactCanReach05: seeds.length >= 6 };
}

function summaryRow(
  pa: readonly MetricPoint[],
  pb: readonly MetricPoint[],
  seeds: readonly number[],
  metric: string,
  summary: Summary,
  generation: number,
): Omit<ComparisonRow, "holmP"> {
  const floorMetric = FLOOR_OF[metric];
  let floored = summary === "last" && floorMetric !== undefined;
  const summarise = (ps: readonly MetricPoint[], seed: number): number | null => {
    const mine = ps.filter((p) => p.seed === seed && p.value !== null);
    const at = (m: string, g: number) => mine.find((p) => p.metric === m && p.generation === g)?.value ?? null;
    if (summary === "slope") return chainSlope(mine.filter((p) => p.metric === metric && p.generation <= generation));
    const value = at(metric, generation);
    if (value === null) return null;
    if (!floorMetric) return value;
    const floor = at(floorMetric, generation);
    if (floor === null) floored = false;
    return floor === null ? value : value - floor;
  };
  const kept: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (const seed of seeds) {
    const x = summarise(pa, seed);
    const y = summarise(pb, seed);
    if (x === null || y === null) continue;
    kept.push(seed);
    a.push(x);
    b.push(y);
  }
  return { metric, summary, seeds: kept, a, b, floored, ...pairedTest(a, b) };
}

/** The mean over chains of each chain's least-squares slope (a chain with one point has none); null where no chain has two points. */
export function chainSlope(curve: readonly MetricPoint[]): number | null {
  const byChain = new Map<string, MetricPoint[]>();
  for (const p of curve) byChain.set(p.chain ?? "", [...(byChain.get(p.chain ?? "") ?? []), p]);
  const slopes = [...byChain.values()]
    .map((c) => [...c].sort((x, y) => x.generation - y.generation))
    .map((c) =>
      slope(
        c.map((p) => p.generation),
        c.map((p) => p.value!),
      ),
    )
    .filter((s): s is number => s !== null);
  return slopes.length ? slopes.reduce((x, y) => x + y, 0) / slopes.length : null;
}

const SENTENCE = {
  en: {
    vs: "vs",
    at: "at",
    higher: "higher by",
    lower: "lower by",
    same: "no different",
    seeds: "seeds",
    seed: "seed",
    slope: "slope of",
    cannot: (n: number, p: string) => `with ${n} seeds the exact test cannot reach p < 0.05 (smallest p ${p})`,
    none: "no seed has both sides",
    trainedOn: (m: string) => `trained on ${m}'s text`,
  },
  ru: {
    vs: "против",
    at: "на",
    higher: "выше на",
    lower: "ниже на",
    same: "не отличается",
    seeds: "сидов",
    seed: "сид",
    slope: "наклон",
    cannot: (n: number, p: string) => `при ${n} сидах точный тест не может дать p < 0,05 (наименьшее p ${p})`,
    none: "нет сида с обеими сторонами",
    trainedOn: (m: string) => `учится на текстах ${m}`,
  },
};

const num = (x: number, lang: LabelLanguage, digits = 2) => {
  const s = Math.abs(x) >= 0.01 || x === 0 ? x.toFixed(digits) : x.toPrecision(2);
  return lang === "ru" ? s.replace(".", ",") : s;
};
const pText = (p: number, lang: LabelLanguage) => (p < 0.001 ? (lang === "ru" ? "< 0,001" : "< 0.001") : `= ${num(p, lang, 3)}`);

/** The sentence of one row, written from its test: "recursive vs cross, tiny-mistral: KL vs M1 at M5 higher by 0.21 [0.08, 0.34], p = 0.031, 6 seeds". */
export function answerSentence(c: Comparison, row: ComparisonRow, lang: LabelLanguage = "en"): string {
  const w = SENTENCE[lang];
  const sameModel = c.a.model === c.b.model;
  // a cross side names the model whose text it learned from (its lineage), where that is another model
  const writer = (side: ComparisonSide, l: SideLineage | undefined) =>
    side.design.split("@")[0] === "cross" && l && l.trainedOn !== side.model ? ` (${w.trainedOn(l.trainedOn)})` : "";
  const da = `${designLabel(c.a.design, lang)}${writer(c.a, c.lineage?.a)}`;
  const db = `${designLabel(c.b.design, lang)}${writer(c.b, c.lineage?.b)}`;
  const who = sameModel ? `${da} ${w.vs} ${db}, ${c.a.model}` : `${da} · ${c.a.model} ${w.vs} ${db} · ${c.b.model}`;
  const what = row.summary === "slope" ? `${w.slope} ${metricLabel(row.metric, lang)}` : `${metricLabel(row.metric, lang)} ${w.at} M${c.generation}`;
  if (row.meanDifference === null) return `${who}: ${what}: ${w.none}`;
  const d = row.meanDifference;
  const direction = d > 0 ? w.higher : d < 0 ? w.lower : w.same;
  const interval = row.low !== null && row.high !== null ? ` [${num(row.low, lang)}, ${num(row.high, lang)}]` : "";
  const p = row.holmP ?? row.exactP;
  const seeds = `${row.n} ${row.n === 1 ? w.seed : w.seeds}`;
  const caveat = row.n < 6 && row.minimumExactP !== null ? `; ${w.cannot(row.n, num(row.minimumExactP, lang, 3))}` : "";
  return `${who}: ${what} ${direction}${d === 0 ? "" : ` ${num(Math.abs(d), lang)}`}${interval}, p ${p === null ? "—" : pText(p, lang)}, ${seeds}${caveat}`;
}

/** The comparison's headline: the sentence of its first metric's "last" row. */
export function headlineSentence(c: Comparison, lang: LabelLanguage = "en"): string {
  const row = c.rows.find((r) => r.summary === "last") ?? c.rows[0];
  return row ? answerSentence(c, row, lang) : "";
}

/**
 * The comparisons a study answers by default, per model: recursive vs cross (the paper's
 * question), then every other design against recursive (or against the first design present).
 */
export function defaultComparisons(points: readonly MetricPoint[]): [ComparisonSide, ComparisonSide][] {
  const sides = points.filter((p) => p.generation >= 1 && p.seed !== null && p.design !== "real");
  const models = [...new Set(sides.map((p) => p.model))].sort();
  const out: [ComparisonSide, ComparisonSide][] = [];
  for (const model of models) {
    const designs = [...new Set(sides.filter((p) => p.model === model).map((p) => p.design))];
    const order = (d: string) => ["recursive", "cross", "accumulate-subsample", "accumulate"].indexOf(d.split("@")[0]!) + 1 || 9;
    designs.sort((x, y) => order(x) - order(y) || x.localeCompare(y));
    const base = designs[0];
    if (!base) continue;
    for (const d of designs.slice(1))
      out.push([
        { design: base, model },
        { design: d, model },
      ]);
  }
  return out;
}
