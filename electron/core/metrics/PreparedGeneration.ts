import { countNonZero, weightedRowSum, type CountMatrix } from "./countMatrix";
import { presentIds, rowsOfIds, type RowsOfIds } from "./rowsOfIds";
import { jsOfCounts, klOfCounts } from "./divergence";
import { NgramSpace } from "./NgramSpace";
import { rowWeights, textRows, type TextRows } from "./textRows";
import { SampleFacts } from "./SampleFacts";
import { share, type GenerationTexts } from "./GenerationTexts";
import { unigramsFromBigrams } from "./unigramsFromBigrams";
import type { MetricName } from "./metricNames";
import type { PanelMetric } from "./clinicalPanel";
import { createRng, type Rng } from "../../shared/random";
import { distinctAtBudget, divergenceAtBudget, POINT_THINNINGS, total } from "./tokenBudget";

/**
 * The metrics whose intervals come from resampling here (median_length has an exact order-statistic one;
 * the clinical panel resamples its own: clinicalPanel.ts).
 */
export type ResampledMetric = Exclude<
  MetricName,
  | "kl_noise_floor"
  | "kl_bigram_noise_floor"
  | "js_noise_floor"
  | "kl_m1_noise_floor"
  | "floor_sample_texts"
  | "token_budget"
  | "train_pairs"
  | "train_steps"
  | "metrics_seed"
  | "perplexity_real"
  | "samples"
  | "median_length"
  | PanelMetric
>;
export type MetricValues = Record<ResampledMetric, number | null>;
export const DISTINCT_METRICS = ["unique_outputs", "distinct_2", "distinct_3"] as const;
export type DistinctMetric = (typeof DISTINCT_METRICS)[number];

/**
 * One generation tokenised, interned and reduced to count rows and per-sample facts once;
 * `evaluate` then computes every resampled metric from sample multiplicities alone, so the point
 * estimate (weights null) and each bootstrap resample run the same code.
 */
export class PreparedGeneration {
  readonly size: number;
  private readonly facts: SampleFacts;
  /** the outputs' bigram and trigram rows (their unigram sums come from the bigram sums) */
  private readonly gen: TextRows;
  /** the paired real conclusions' bigram rows */
  private readonly real: TextRows;
  private readonly m1Unigrams: Int32Array | null;
  /** each bigram id's first word: unigram sums are folded from bigram sums (unigramsFromBigrams) */
  private readonly firstWordOf: Int32Array;
  /** half-sampled distinct_2 and every distinct_3 need only which n-grams occur, not their counts */
  private readonly bigramRows: RowsOfIds;
  private readonly trigramRows: RowsOfIds;
  /** reused by every evaluate: unigram and bigram sums of each side, row weights */
  private readonly sums: { gen: Int32Array[]; real: Int32Array[]; genRows: Int32Array; realRows: Int32Array };
  /** every sample once: the point estimate's weights */
  private readonly once: Int32Array;
  /** equal token budgets (tokenBudget.ts): the divergences' n-gram budget of order n at [n − 1]; null: raw counts */
  readonly budgets: readonly [number, number, number] | null;
  /** the outputs are the real texts themselves (generation 0): their divergences are 0 by definition */
  private readonly identical: boolean;
  private readonly rng: Rng;
  private readonly thinned: { p: Int32Array; q: Int32Array }[];
  private readonly trigramSums: Int32Array;
  /** the outputs' unigrams and bigrams, each sample once */
  private readonly genNgrams: [number, number];

  constructor(texts: GenerationTexts, options: { seed: number; selfBleuSample: number; equalTokens?: boolean }, space = new NgramSpace()) {
    const n = texts.outputs.length;
    if (texts.real.length !== n)
      throw new Error(`metrics: ${n} outputs but ${texts.real.length} real conclusions; each output needs the real conclusion of its prompt`);
    if (texts.descriptions && texts.descriptions.length !== n) throw new Error(`metrics: ${n} outputs but ${texts.descriptions.length} descriptions`);
    this.size = n;
    this.once = new Int32Array(n).fill(1);
    this.gen = textRows(texts.outputs, space, [2, 3]);
    this.real = textRows(texts.real, space, [2]);
    const m1 = texts.m1 ? textRows(texts.m1, space, [1]) : null;
    const width = [1, 2, 3].map((order) => space.width(order));
    this.firstWordOf = space.prefixIds(2);
    this.bigramRows = rowsOfIds(this.gen.byOrder[2]!, width[1]!);
    this.trigramRows = rowsOfIds(this.gen.byOrder[3]!, width[2]!);
    this.sums = {
      gen: width.slice(0, 2).map((w) => new Int32Array(w)),
      real: width.slice(0, 2).map((w) => new Int32Array(w)),
      genRows: new Int32Array(this.gen.rows),
      realRows: new Int32Array(this.real.rows),
    };
    this.m1Unigrams = m1 ? new Int32Array(width[0]!) : null;
    if (m1 && this.m1Unigrams) weightedRowSum(m1.byOrder[1]!, rowWeights(m1, null, new Int32Array(m1.rows)), this.m1Unigrams);
    this.facts = new SampleFacts(texts, space, options);
    this.identical = texts.outputs === texts.real;
    const genLengths = texts.outputs.map((t) => space.tokenIds(t).length);
    this.genNgrams = [1, 2].map((order) => genLengths.reduce((sum, l) => sum + Math.max(0, l - order + 1), 0)) as [number, number];
    this.rng = createRng(options.seed).fork("token-budget");
    this.thinned = width.slice(0, 2).map((w) => ({ p: new Int32Array(w), q: new Int32Array(w) }));
    this.trigramSums = new Int32Array(width[2]!);
    if (options.equalTokens === false) this.budgets = null;
    else {
      const lengths = texts.real.map((t) => space.tokenIds(t).length);
      const ngramsOf = (order: number) => Math.floor(lengths.reduce((sum, l) => sum + Math.max(0, l - order + 1), 0) / 2);
      this.budgets = [ngramsOf(1), ngramsOf(2), ngramsOf(3)];
    }
  }

  /**
   * The unigram and bigram budgets the divergences of the point estimate use: the study's budget,
   * or fewer where the outputs (or M1) have fewer n-grams. Null without equal budgets.
   */
  usedBudgets(): { 1: number; 2: number } | null {
    if (!this.budgets) return null;
    const m1 = this.m1Unigrams ? total(this.m1Unigrams) : Infinity;
    return { 1: Math.min(this.budgets[0], this.genNgrams[0], m1), 2: Math.min(this.budgets[1], this.genNgrams[1]) };
  }

  /** Every resampled metric with sample i counted weights[i] times (null: each once). */
  evaluate(weights: Int32Array | null): MetricValues {
    const w = weights ?? this.once;
    let drawn = 0;
    for (let i = 0; i < w.length; i++) drawn += w[i]!;

    const genRows = rowWeights(this.gen, weights, this.sums.genRows);
    const realRows = rowWeights(this.real, weights, this.sums.realRows);
    const [G1, G2] = this.sums.gen as [Int32Array, Int32Array];
    const [R1, R2] = this.sums.real as [Int32Array, Int32Array];
    const bigrams = weightedRowSum(this.gen.byOrder[2]!, genRows, G2);
    const unigrams = unigramsFromBigrams(G2, this.firstWordOf, this.gen.lastWord, genRows, G1);
    weightedRowSum(this.real.byOrder[2]!, realRows, R2);
    unigramsFromBigrams(R2, this.firstWordOf, this.real.lastWord, realRows, R1);
    const trigrams = weightedTotal(this.gen.byOrder[3]!, genRows);

    const values = {
      ...this.facts.evaluate(w, drawn),
      tail_survival: tailSurvival(R1, G1),
    };
    if (!this.budgets) {
      return {
        ...values,
        distinct_1: share(countNonZero(G1), unigrams),
        distinct_2: share(countNonZero(G2), bigrams),
        distinct_3: share(presentIds(this.trigramRows, genRows), trigrams),
        kl_unigram_vs_real: klOfCounts(R1, G1),
        kl_bigram_vs_real: klOfCounts(R2, G2),
        kl_unigram_vs_m1: this.m1Unigrams ? klOfCounts(this.m1Unigrams, G1) : null,
        js_unigram_vs_real: jsOfCounts(R1, G1),
      };
    }
    const [b1, b2, b3] = this.budgets;
    const thinnings = weights ? 1 : POINT_THINNINGS;
    const [t1, t2] = this.thinned as [{ p: Int32Array; q: Int32Array }, { p: Int32Array; q: Int32Array }];
    const vsReal = (r: Int32Array, g: Int32Array, budget: number, scratch: typeof t1, f: typeof klOfCounts) =>
      this.identical ? f(r, g) : divergenceAtBudget(r, g, Math.min(budget, total(r), total(g)), this.rng, thinnings, f, scratch);
    const m1 = this.m1Unigrams;
    return {
      ...values,
      distinct_1: distinctAtBudget(G1, b1),
      distinct_2: distinctAtBudget(G2, b2),
      distinct_3: this.distinct3AtBudget(genRows, b3),
      kl_unigram_vs_real: vsReal(R1, G1, b1, t1, klOfCounts),
      kl_bigram_vs_real: vsReal(R2, G2, b2, t2, klOfCounts),
      kl_unigram_vs_m1: m1 ? divergenceAtBudget(m1, G1, Math.min(b1, total(m1), total(G1)), this.rng, thinnings, klOfCounts, t1) : null,
      js_unigram_vs_real: vsReal(R1, G1, b1, t1, jsOfCounts),
    };
  }

  private distinct3AtBudget(genRows: Int32Array, budget: number): number | null {
    weightedRowSum(this.gen.byOrder[3]!, genRows, this.trigramSums);
    return distinctAtBudget(this.trigramSums, budget);
  }

  /** The paired real conclusions' rare word types (count 1 or 2) in the whole sample: tail survival's denominator. */
  rareRealTypes(): number {
    const rows = rowWeights(this.real, null, new Int32Array(this.real.rows));
    const bigrams = new Int32Array(this.sums.real[1]!.length);
    const unigrams = new Int32Array(this.sums.real[0]!.length);
    weightedRowSum(this.real.byOrder[2]!, rows, bigrams);
    unigramsFromBigrams(bigrams, this.firstWordOf, this.real.lastWord, rows, unigrams);
    return rareWords(unigrams).rare;
  }

  /** The median length and its distribution-free 95% interval (medianWithInterval). */
  medianLength(withInterval: boolean): ReturnType<SampleFacts["medianLength"]> {
    return this.facts.medianLength(withInterval);
  }

  /**
   * Only the shares of distinct outputs and n-grams, which generationMetrics resamples by
   * half-sampling: the same counts as `evaluate`; without budgets read from which outputs and
   * n-grams occur, without summing any count vector.
   */
  evaluateDistinct(weights: Int32Array): Pick<MetricValues, DistinctMetric> & { distinct_1?: number | null } {
    let drawn = 0;
    for (let i = 0; i < weights.length; i++) drawn += weights[i]!;
    const genRows = rowWeights(this.gen, weights, this.sums.genRows);
    const unique_outputs = share(this.facts.distinctOutputs(weights), drawn);
    if (this.budgets) {
      const [G1, G2] = this.sums.gen as [Int32Array, Int32Array];
      weightedRowSum(this.gen.byOrder[2]!, genRows, G2);
      unigramsFromBigrams(G2, this.firstWordOf, this.gen.lastWord, genRows, G1);
      return {
        unique_outputs,
        distinct_1: distinctAtBudget(G1, this.budgets[0]),
        distinct_2: distinctAtBudget(G2, this.budgets[1]),
        distinct_3: this.distinct3AtBudget(genRows, this.budgets[2]),
      };
    }
    return {
      unique_outputs,
      distinct_2: share(presentIds(this.bigramRows, genRows), weightedTotal(this.gen.byOrder[2]!, genRows)),
      distinct_3: share(presentIds(this.trigramRows, genRows), weightedTotal(this.gen.byOrder[3]!, genRows)),
    };
  }
}

/** The n-grams of the weighted rows: Σ weight · row total. */
function weightedTotal(m: CountMatrix, rowWeights: Int32Array): number {
  let total = 0;
  for (let r = 0; r < rowWeights.length; r++) total += rowWeights[r]! * m.rowTotals[r]!;
  return total;
}

/** Of the words with count 1 or 2 in the real sums, the share that occurs in the generated sums; null without such words. */
function tailSurvival(real: Int32Array, generated: Int32Array): number | null {
  const { rare, surviving } = rareWords(real, generated);
  return share(surviving, rare);
}

/** The words with count 1 or 2 in the real sums, and how many of them occur in the generated sums. */
function rareWords(real: Int32Array, generated?: Int32Array): { rare: number; surviving: number } {
  let rare = 0;
  let surviving = 0;
  for (let t = 0; t < real.length; t++) {
    const r = real[t]!;
    if (r < 1 || r > 2) continue;
    rare++;
    if (generated && generated[t]! > 0) surviving++;
  }
  return { rare, surviving };
}
