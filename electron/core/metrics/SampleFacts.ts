import { wordTokens } from "../../shared/text/wordTokens";
import { createRng, shuffled } from "../../shared/random";
import { maxEuCategory } from "../data/tirads";
import type { NgramSpace } from "./NgramSpace";
import { Vocabulary } from "./Vocabulary";
import { jsOfCounts } from "./divergence";
import { selfBleuScores } from "./selfBleu";
import { share, type GenerationTexts } from "./GenerationTexts";
import { medianWithInterval } from "./medianInterval";
import type { Interval } from "./bootstrap";

export type SampleMetric =
  "unique_outputs" | "mean_length" | "self_bleu4" | "tirads_js" | "tirads_agreement" | "tirads_missing" | "tirads_rare_4" | "tirads_rare_5";

/** EU-TIRADS category bins: 0 = no category, 1..5. */
const BINS = 6;

/**
 * What each sample contributes on its own — its output's identity, length, EU-TIRADS category,
 * sentence BLEU — computed once, so a resample's metrics are weighted counts over samples.
 */
export class SampleFacts {
  private readonly outputIds: Int32Array;
  private readonly seenOutput: Uint8Array;
  private readonly lengths: Int32Array;
  /** the lengths in ascending order: the median and its order-statistic interval */
  private readonly sortedLengths: Int32Array;
  private readonly genCategory: Int8Array;
  private readonly realCategory: Int8Array;
  /** the highest category of the prompt's description, -1 where it has none or none is given */
  private readonly descriptionCategory: Int8Array;
  /** sentence BLEU-4 of the self-BLEU subsample, NaN outside it */
  private readonly bleu: Float64Array;

  constructor(texts: GenerationTexts, space: NgramSpace, options: { seed: number; selfBleuSample: number }) {
    const n = texts.outputs.length;
    const outputs = new Vocabulary();
    this.outputIds = Int32Array.from(texts.outputs, (o) => outputs.idOf(o.trim()));
    this.seenOutput = new Uint8Array(outputs.size);
    this.lengths = Int32Array.from(texts.outputs, (o) => space.tokenIds(o).length);
    this.sortedLengths = this.lengths.slice().sort();

    const category = (text: string) => maxEuCategory(text) ?? 0;
    this.genCategory = Int8Array.from(texts.outputs, category);
    this.realCategory = texts.real === texts.outputs ? this.genCategory : Int8Array.from(texts.real, category);
    this.descriptionCategory = texts.descriptions ? Int8Array.from(texts.descriptions, (d) => maxEuCategory(d) ?? -1) : new Int8Array(n).fill(-1);

    this.bleu = new Float64Array(n).fill(NaN);
    const subsample = shuffled([...Array(n).keys()], createRng(options.seed).fork("self-bleu")).slice(0, options.selfBleuSample);
    selfBleuScores(subsample.map((i) => wordTokens(texts.outputs[i]!))).forEach((score, k) => {
      if (score !== null) this.bleu[subsample[k]!] = score;
    });
  }

  /** The per-sample metrics with sample i counted w[i] times, drawn = Σ w. */
  evaluate(w: Int32Array, drawn: number): Record<SampleMetric, number | null> {
    let lengthSum = 0;
    let bleuSum = 0;
    let bleuWeight = 0;
    let labelled = 0;
    let agreeing = 0;
    const genBins = new Float64Array(BINS);
    const realBins = new Float64Array(BINS);
    for (let i = 0; i < w.length; i++) {
      const k = w[i]!;
      if (k === 0) continue;
      lengthSum += k * this.lengths[i]!;
      if (!Number.isNaN(this.bleu[i]!)) {
        bleuSum += k * this.bleu[i]!;
        bleuWeight += k;
      }
      const c = this.genCategory[i]!;
      genBins[c]! += k;
      realBins[this.realCategory[i]!]! += k;
      const d = this.descriptionCategory[i]!;
      if (d > 0) {
        labelled += k;
        if (c === d) agreeing += k;
      }
    }
    return {
      unique_outputs: share(this.distinctOutputs(w), drawn),
      mean_length: share(lengthSum, drawn),
      self_bleu4: share(bleuSum, bleuWeight),
      tirads_js: jsOfCounts(realBins, genBins),
      tirads_agreement: share(agreeing, labelled),
      tirads_missing: share(genBins[0]!, drawn),
      tirads_rare_4: share(genBins[4]!, drawn),
      tirads_rare_5: share(genBins[5]!, drawn),
    };
  }

  /** How many distinct outputs (after trimming) were drawn at least once. */
  distinctOutputs(w: Int32Array): number {
    let distinct = 0;
    this.seenOutput.fill(0);
    for (let i = 0; i < w.length; i++) {
      if (w[i] === 0) continue;
      const id = this.outputIds[i]!;
      if (!this.seenOutput[id]) distinct += this.seenOutput[id] = 1;
    }
    return distinct;
  }

  /** The median length with its distribution-free interval (no resampling: medianWithInterval). */
  medianLength(withInterval: boolean): Interval & { value: number | null } {
    return medianWithInterval(this.sortedLengths, withInterval);
  }
}
