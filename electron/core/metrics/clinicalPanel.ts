import { maxEuCategory } from "../data/tirads";
import { forEachResample, percentileInterval } from "./bootstrap";
import { chrf } from "./chrf";
import { conclusionFindings, descriptionFindings } from "./findings";
import { share } from "./GenerationTexts";
import { METRIC_RANGES, type MetricValue } from "./metricNames";
import { PANEL_METRICS, type PanelMetric } from "../../shared/domain/clinicalPanel";

export { PANEL_METRICS, type PanelMetric };

/** Why a sample ended, as the generator says it (SlotDecoder's FinishReason); null for a text nobody generated. */
export type FinishReasonText = string | null;
/** Finish reasons that mean the answer was cut, not finished. */
const CUT_REASONS = new Set(["maxTokens", "contextFull"]);
const SENTENCE_END = /[.!?…][»")\]]*$/u;

export type PanelTexts = {
  outputs: readonly string[];
  /** the physician's conclusion of each output's prompt */
  real: readonly string[];
  /** the description of each output's prompt */
  descriptions: readonly string[];
  /** why each output ended; absent for texts nobody generated (the physicians, the baselines): cut_share is then null */
  finishReasons?: readonly FinishReasonText[] | null;
};

/** Whether an output was cut at maxTokens (or by a full context) rather than finished. */
export function isCut(finishReason: FinishReasonText | undefined): boolean {
  return finishReason !== null && finishReason !== undefined && CUT_REASONS.has(finishReason);
}

/** Well-formed: not empty, not cut, and its last character ends a sentence (. ! ? …, a closing quote or bracket after it). */
export function isWellFormed(output: string, finishReason: FinishReasonText | undefined): boolean {
  const t = output.trim();
  return t.length > 0 && !isCut(finishReason) && SENTENCE_END.test(t);
}

// per-sample codes: -1 = the finder cannot tell; categories 1..5; sides and counts as indices
const SIDES = ["right", "left", "both", "isthmus"] as const;
const COUNTS = ["one", "several"] as const;
const code = <T extends string>(all: readonly T[], x: T | null): number => (x === null ? -1 : all.indexOf(x));

/** What each sample contributes to the panel, computed once; evaluate(weights) is then a weighted count. */
class PanelFacts {
  readonly size: number;
  private readonly cat: Int8Array;
  private readonly descCat: Int8Array;
  private readonly side: Int8Array;
  private readonly descSide: Int8Array;
  private readonly count: Int8Array;
  private readonly descCount: Int8Array;
  private readonly chrf: Float64Array;
  private readonly wellFormed: Uint8Array;
  private readonly cut: Uint8Array | null;

  constructor(t: PanelTexts) {
    const n = t.outputs.length;
    if (t.real.length !== n || t.descriptions.length !== n)
      throw new Error(`panel: ${n} outputs but ${t.real.length} conclusions and ${t.descriptions.length} descriptions`);
    if (t.finishReasons && t.finishReasons.length !== n) throw new Error(`panel: ${n} outputs but ${t.finishReasons.length} finish reasons`);
    this.size = n;
    this.cat = Int8Array.from(t.outputs, (o) => maxEuCategory(o) ?? -1);
    this.descCat = Int8Array.from(t.descriptions, (d) => maxEuCategory(d) ?? -1);
    const out = t.outputs.map(conclusionFindings);
    const desc = t.descriptions.map(descriptionFindings);
    this.side = Int8Array.from(out, (f) => code(SIDES, f.side));
    this.descSide = Int8Array.from(desc, (f) => code(SIDES, f.side));
    this.count = Int8Array.from(out, (f) => code(COUNTS, f.count));
    this.descCount = Int8Array.from(desc, (f) => code(COUNTS, f.count));
    this.chrf = Float64Array.from(t.outputs, (o, i) => chrf(o, t.real[i]!));
    this.wellFormed = Uint8Array.from(t.outputs, (o, i) => (isWellFormed(o, t.finishReasons?.[i]) ? 1 : 0));
    this.cut = t.finishReasons ? Uint8Array.from(t.finishReasons, (r) => (isCut(r) ? 1 : 0)) : null;
  }

  evaluate(w: Int32Array | null): Record<PanelMetric, number | null> {
    let drawn = 0;
    let named = 0;
    let compared = 0;
    let same = 0;
    let lower = 0;
    let higher = 0;
    let sides = 0;
    let sameSide = 0;
    let counts = 0;
    let sameCount = 0;
    let chrfSum = 0;
    let formed = 0;
    let cut = 0;
    for (let i = 0; i < this.size; i++) {
      const k = w ? w[i]! : 1;
      if (k === 0) continue;
      drawn += k;
      const c = this.cat[i]!;
      const d = this.descCat[i]!;
      if (c > 0) {
        named += k;
        if (d > 0) {
          compared += k;
          if (c === d) same += k;
          else if (c < d) lower += k;
          else higher += k;
        }
      }
      if (this.side[i]! >= 0 && this.descSide[i]! >= 0) {
        sides += k;
        if (this.side[i] === this.descSide[i]) sameSide += k;
      }
      if (this.count[i]! >= 0 && this.descCount[i]! >= 0) {
        counts += k;
        if (this.count[i] === this.descCount[i]) sameCount += k;
      }
      chrfSum += k * this.chrf[i]!;
      formed += k * this.wellFormed[i]!;
      if (this.cut) cut += k * this.cut[i]!;
    }
    return {
      category_consistency: share(same, compared),
      false_reassurance: share(lower, compared),
      over_call: share(higher, compared),
      category_presence: share(named, drawn),
      side_consistency: share(sameSide, sides),
      nodule_count_consistency: share(sameCount, counts),
      chrf: share(chrfSum, drawn),
      well_formed: share(formed, drawn),
      cut_share: this.cut ? share(cut, drawn) : null,
    };
  }
}

/** The panel of one set of outputs, each point with its 95% bootstrap interval over samples (none when bootstrap = 0). */
export function clinicalPanel(texts: PanelTexts, options: { seed: number; bootstrap: number }): MetricValue[] {
  const facts = new PanelFacts(texts);
  const values = facts.evaluate(null);
  const replicates = new Map(PANEL_METRICS.map((m) => [m, [] as (number | null)[]]));
  if (facts.size > 0 && options.bootstrap > 0) {
    forEachResample(facts.size, options.bootstrap, options.seed, (w) => {
      const r = facts.evaluate(w);
      for (const m of PANEL_METRICS) replicates.get(m)!.push(r[m]);
    });
  }
  return PANEL_METRICS.map((metric) => ({
    metric,
    value: values[metric],
    ...percentileInterval(replicates.get(metric)!, values[metric], METRIC_RANGES[metric]),
  }));
}
