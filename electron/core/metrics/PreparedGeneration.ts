import { wordTokens } from "../../shared/text/wordTokens";
import { createRng, shuffled } from "../../shared/random";
import { maxEuCategory } from "../data/tirads";
import { countNonZero, weightedRowSum } from "./countMatrix";
import { presentIds, rowsOfIds, type RowsOfIds } from "./rowsOfIds";
import { NgramSpace } from "./NgramSpace";
import { Vocabulary } from "./Vocabulary";
import { rowWeights, textRows, type TextRows } from "./textRows";
import { jsOfCounts, klOfCounts } from "./divergence";
import { selfBleuScores } from "./selfBleu";
import type { MetricName } from "./metricNames";

/** The texts one generation is measured on; `real[i]` and `descriptions[i]` belong to the prompt of `outputs[i]`. */
export type GenerationTexts = {
  outputs: readonly string[];
  /** the real conclusion of each output's prompt */
  real: readonly string[];
  /** the description of each output's prompt (tirads_agreement); absent: the metric is null */
  descriptions?: readonly string[] | null;
  /** generation 1's outputs of the same model and seed: the fixed reference of kl_unigram_vs_m1 */
  m1?: readonly string[] | null;
};

export type ResampledMetric = Exclude<MetricName, "kl_noise_floor" | "perplexity_real" | "samples">;
export type MetricValues = Record<ResampledMetric, number | null>;

/** EU-TIRADS category bins: 0 = no category, 1..5. */
const BINS = 6;

/**
 * One generation tokenised, interned and reduced to per-sample vectors once; `evaluate` then
 * computes every resampled metric from sample multiplicities alone, so the point estimate
 * (weights null) and each bootstrap resample run the same code.
 */
export class PreparedGeneration {
  readonly size: number;
  private readonly gen: TextRows;
  private readonly real: TextRows;
  private readonly m1Unigrams: Int32Array | null;
  /** distinct_3 needs only which trigrams occur, not their counts */
  private readonly trigramRows: RowsOfIds;
  private readonly buffers: { gen: Int32Array[]; real: Int32Array[]; genRows: Int32Array; realRows: Int32Array };
  /** every sample once: the point estimate's weights */
  private readonly once: Int32Array;
  private readonly outputIds: Int32Array;
  private readonly seenOutput: Uint8Array;
  private readonly lengths: Int32Array;
  private readonly byLength: Int32Array;
  private readonly genCategory: Int8Array;
  private readonly realCategory: Int8Array;
  /** the highest category of the prompt's description, -1 where it has none */
  private readonly descriptionCategory: Int8Array | null;
  /** sentence BLEU-4 of the self-BLEU subsample, NaN outside it */
  private readonly bleu: Float64Array;

  constructor(texts: GenerationTexts, options: { seed: number; selfBleuSample: number }, space = new NgramSpace()) {
    const n = texts.outputs.length;
    if (texts.real.length !== n) throw new Error(`metrics: ${n} outputs but ${texts.real.length} real conclusions; each output needs the real conclusion of its prompt`);
    if (texts.descriptions && texts.descriptions.length !== n) throw new Error(`metrics: ${n} outputs but ${texts.descriptions.length} descriptions`);
    this.size = n;
    this.once = new Int32Array(n).fill(1);
    this.gen = textRows(texts.outputs, space, 3);
    this.real = textRows(texts.real, space, 2);
    const m1 = texts.m1 ? textRows(texts.m1, space, 1) : null;
    const width = [1, 2, 3].map((order) => space.width(order));
    this.trigramRows = rowsOfIds(this.gen.byOrder[2]!, width[2]!);
    this.buffers = {
      gen: width.slice(0, 2).map((w) => new Int32Array(w)),
      real: width.slice(0, 2).map((w) => new Int32Array(w)),
      genRows: new Int32Array(this.gen.rows),
      realRows: new Int32Array(this.real.rows),
    };
    this.m1Unigrams = m1 ? new Int32Array(width[0]!) : null;
    if (m1 && this.m1Unigrams) weightedRowSum(m1.byOrder[0]!, rowWeights(m1, null, new Int32Array(m1.rows)), this.m1Unigrams);

    const outputs = new Vocabulary();
    this.outputIds = Int32Array.from(texts.outputs, (o) => outputs.idOf(o.trim()));
    this.seenOutput = new Uint8Array(outputs.size);
    this.lengths = Int32Array.from(texts.outputs, (o) => space.tokenIds(o).length);
    this.byLength = Int32Array.from([...this.lengths.keys()].sort((a, b) => this.lengths[a]! - this.lengths[b]!));

    const category = (text: string) => maxEuCategory(text) ?? 0;
    this.genCategory = Int8Array.from(texts.outputs, category);
    this.realCategory = texts.real === texts.outputs ? this.genCategory : Int8Array.from(texts.real, category);
    this.descriptionCategory = texts.descriptions ? Int8Array.from(texts.descriptions, (d) => maxEuCategory(d) ?? -1) : null;

    this.bleu = new Float64Array(n).fill(NaN);
    const subsample = shuffled([...Array(n).keys()], createRng(options.seed).fork("self-bleu")).slice(0, options.selfBleuSample);
    selfBleuScores(subsample.map((i) => wordTokens(texts.outputs[i]!))).forEach((score, k) => {
      if (score !== null) this.bleu[subsample[k]!] = score;
    });
  }

  /** Every resampled metric with sample i counted weights[i] times (null: each once). */
  evaluate(weights: Int32Array | null): MetricValues {
    const w = weights ?? this.once;
    const n = this.size;
    let drawn = 0;
    for (let i = 0; i < n; i++) drawn += w[i]!;

    const genRows = rowWeights(this.gen, weights, this.buffers.genRows);
    const realRows = rowWeights(this.real, weights, this.buffers.realRows);
    const tokens = this.gen.byOrder.slice(0, 2).map((m, i) => weightedRowSum(m, genRows, this.buffers.gen[i]!));
    let trigrams = 0;
    const trigramTotals = this.gen.byOrder[2]!.rowTotals;
    for (let r = 0; r < genRows.length; r++) trigrams += genRows[r]! * trigramTotals[r]!;
    this.real.byOrder.forEach((m, i) => weightedRowSum(m, realRows, this.buffers.real[i]!));
    const [G1, G2] = this.buffers.gen;
    const [R1, R2] = this.buffers.real;
    const share = (k: number, of: number) => (of > 0 ? k / of : null);

    let distinctOutputs = 0;
    let lengthSum = 0;
    let bleuSum = 0;
    let bleuWeight = 0;
    let missing = 0;
    let rare4 = 0;
    let rare5 = 0;
    let labelled = 0;
    let agreeing = 0;
    const genBins = new Float64Array(BINS);
    const realBins = new Float64Array(BINS);
    this.seenOutput.fill(0);
    for (let i = 0; i < n; i++) {
      const k = w[i]!;
      if (k === 0) continue;
      const id = this.outputIds[i]!;
      if (!this.seenOutput[id]) distinctOutputs += this.seenOutput[id] = 1;
      lengthSum += k * this.lengths[i]!;
      if (!Number.isNaN(this.bleu[i]!)) {
        bleuSum += k * this.bleu[i]!;
        bleuWeight += k;
      }
      const c = this.genCategory[i]!;
      genBins[c]! += k;
      realBins[this.realCategory[i]!]! += k;
      if (c === 0) missing += k;
      if (c === 4) rare4 += k;
      if (c === 5) rare5 += k;
      const d = this.descriptionCategory?.[i] ?? -1;
      if (d > 0) {
        labelled += k;
        if (c === d) agreeing += k;
      }
    }

    let rare = 0;
    let surviving = 0;
    for (let t = 0; t < R1!.length; t++) {
      const r = R1![t]!;
      if (r < 1 || r > 2) continue;
      rare++;
      if (G1![t]! > 0) surviving++;
    }

    return {
      unique_outputs: share(distinctOutputs, drawn),
      mean_length: share(lengthSum, drawn),
      median_length: this.weightedMedianLength(w, drawn),
      distinct_1: share(countNonZero(G1!), tokens[0]!),
      distinct_2: share(countNonZero(G2!), tokens[1]!),
      distinct_3: share(presentIds(this.trigramRows, genRows), trigrams),
      tail_survival: share(surviving, rare),
      self_bleu4: share(bleuSum, bleuWeight),
      kl_unigram_vs_real: klOfCounts(R1!, G1!),
      kl_bigram_vs_real: klOfCounts(R2!, G2!),
      kl_unigram_vs_m1: this.m1Unigrams ? klOfCounts(this.m1Unigrams, G1!) : null,
      js_unigram_vs_real: jsOfCounts(R1!, G1!),
      tirads_js: jsOfCounts(realBins, genBins),
      tirads_agreement: share(agreeing, labelled),
      tirads_missing: share(missing, drawn),
      tirads_rare_4: share(rare4, drawn),
      tirads_rare_5: share(rare5, drawn),
    };
  }

  /** The median of the drawn lengths: the mean of the two middle ones when the count is even. */
  private weightedMedianLength(w: Int32Array, drawn: number): number | null {
    if (drawn === 0) return null;
    const lowRank = Math.floor((drawn - 1) / 2);
    const highRank = Math.floor(drawn / 2);
    let seen = 0;
    let low: number | null = null;
    for (const i of this.byLength) {
      seen += w[i]!;
      if (low === null && seen > lowRank) low = this.lengths[i]!;
      if (seen > highRank) return (low! + this.lengths[i]!) / 2;
    }
    return null;
  }
}
