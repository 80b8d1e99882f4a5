import { METRIC_RANGES, type MetricName, type MetricValue } from "./metricNames";
import { DISTINCT_METRICS, PreparedGeneration, type ResampledMetric } from "./PreparedGeneration";
import type { GenerationTexts } from "./GenerationTexts";
import { forEachResample, percentileInterval, type ResampleScheme } from "./bootstrap";
import { divergenceFloors } from "./noiseFloor";
import { NgramSpace } from "./NgramSpace";
import { perplexityInterval, type EvalItem } from "./perplexityInterval";
import { clinicalPanel, type FinishReasonText } from "./clinicalPanel";

export type GenerationMetricsInput = GenerationTexts & {
  /** the real pool the noise floors draw two disjoint samples from (the study's whole real training split) */
  realPool: readonly string[];
  /** generation 1 sampled a second time with another sampling seed: the floor of kl_unigram_vs_m1 */
  m1Again?: readonly string[] | null;
  /** from the trainer's eval; absent: no perplexity point */
  perplexity?: number | null;
  /** the eval's per-pair tokens and log-probabilities: perplexity's interval resamples them */
  perplexityItems?: readonly EvalItem[];
  /** present: the clinical-correctness panel is added (needs descriptions); finishReasons null for texts nobody generated */
  panel?: { finishReasons: readonly FinishReasonText[] | null };
};

export type GenerationMetricsOptions = {
  seed: number;
  /** bootstrap resamples; 0 = no intervals */
  bootstrap: number;
  noiseFloorSeeds: number;
  /** sentences in the self-BLEU subsample */
  selfBleuSample: number;
  /** divergences and distinct-n at equal token budgets (tokenBudget.ts); false: on the raw counts, the plain definitions */
  equalTokens: boolean;
};

export const DEFAULT_METRICS_OPTIONS: GenerationMetricsOptions = { seed: 1, bootstrap: 1000, noiseFloorSeeds: 10, selfBleuSample: 200, equalTokens: true };

/**
 * Which resampling gives each metric an interval that holds the truth about 95% of the time, by
 * the coverage simulation of test/core/metrics/intervalCoverage.test.ts (docs/metrics.md): shares
 * of distinct n-grams and outputs need half-sampling. median_length is not resampled: its interval
 * is the exact order-statistic one (medianWithInterval; the bootstrap's covered 0.84).
 */
const SCHEME: Partial<Record<ResampledMetric, ResampleScheme>> = Object.fromEntries(DISTINCT_METRICS.map((m) => [m, "half"]));
/** At equal token budgets distinct-1 is a rarefied share like distinct-2 and -3, and needs half-sampling too (bootstrap coverage 0.43). */
const schemeOf = (m: ResampledMetric, equalTokens: boolean): ResampleScheme => (equalTokens && m === "distinct_1" ? "half" : (SCHEME[m] ?? "bootstrap"));

/**
 * Tail survival's bootstrap interval covers 0.92–0.99 when the real sample has a few dozen rare
 * words, and 0.51 when it has one or two (the rare set is then mostly luck): below this many rare
 * types it gets no interval.
 */
export const MIN_RARE_TYPES_FOR_INTERVAL = 10;

/** Every metric of one generation (docs/metrics.md) with its 95% resampling interval. */
export function generationMetrics(input: GenerationMetricsInput, options: Partial<GenerationMetricsOptions> = {}): MetricValue[] {
  const o = { ...DEFAULT_METRICS_OPTIONS, ...options };
  const space = new NgramSpace();
  const prepared = new PreparedGeneration(input, o, space);
  const values = prepared.evaluate(null);
  const names = (Object.keys(values) as ResampledMetric[]).filter((m) => m !== "kl_unigram_vs_m1" || input.m1);
  const replicates = new Map(names.map((m) => [m, [] as (number | null)[]]));
  const intervals = prepared.size > 0 && o.bootstrap > 0;
  if (intervals) {
    for (const scheme of ["bootstrap", "half"] as const) {
      const mine = names.filter((m) => schemeOf(m, o.equalTokens) === scheme);
      if (mine.length === 0) continue;
      forEachResample(
        prepared.size,
        o.bootstrap,
        o.seed,
        (weights) => {
          const r: Partial<Record<ResampledMetric, number | null>> = scheme === "half" ? prepared.evaluateDistinct(weights) : prepared.evaluate(weights);
          for (const m of mine) replicates.get(m)!.push(r[m]!);
        },
        scheme,
      );
    }
  }
  const budgets = prepared.usedBudgets();
  const floors = divergenceFloors(
    { realPool: input.realPool, sampleSize: prepared.size, budgets, m1: input.m1 ?? null, m1Again: input.m1Again ?? null },
    { seeds: o.noiseFloorSeeds, seed: o.seed, space },
  );
  const floorPoint = (
    metric: "kl_noise_floor" | "kl_bigram_noise_floor" | "js_noise_floor" | "kl_m1_noise_floor",
    f: { value: number | null; low: number | null; high: number | null },
  ): MetricValue => (prepared.size ? { metric, ...f } : point(metric, null));
  const point = (metric: MetricName, value: number | null, low: number | null = null, high: number | null = null): MetricValue => ({
    metric,
    value,
    low,
    high,
  });
  const out: MetricValue[] = [
    point("samples", prepared.size),
    ...names.map((m) => ({
      metric: m,
      value: values[m],
      ...(m === "tail_survival" && prepared.rareRealTypes() < MIN_RARE_TYPES_FOR_INTERVAL
        ? { low: null, high: null }
        : percentileInterval(replicates.get(m)!, values[m], METRIC_RANGES[m])),
    })),
    { metric: "median_length", ...prepared.medianLength(intervals) },
    floorPoint("kl_noise_floor", floors.kl_noise_floor),
    floorPoint("kl_bigram_noise_floor", floors.kl_bigram_noise_floor),
    floorPoint("js_noise_floor", floors.js_noise_floor),
    ...(floors.kl_m1_noise_floor ? [floorPoint("kl_m1_noise_floor", floors.kl_m1_noise_floor)] : []),
    point("floor_sample_texts", prepared.size ? floors.sampleTexts : null),
    ...(budgets ? [point("token_budget", prepared.size ? budgets[1] : null)] : []),
  ];
  if (input.perplexity !== undefined) {
    const interval =
      input.perplexity !== null && input.perplexityItems && o.bootstrap > 0
        ? perplexityInterval(input.perplexityItems, input.perplexity, o.bootstrap, o.seed)
        : { low: null, high: null };
    out.push(point("perplexity_real", input.perplexity, interval.low, interval.high));
  }
  if (input.panel) {
    if (!input.descriptions) throw new Error("metrics: the clinical panel needs the description of every prompt");
    out.push(
      ...clinicalPanel(
        { outputs: input.outputs, real: input.real, descriptions: input.descriptions, finishReasons: input.panel.finishReasons },
        { seed: o.seed, bootstrap: o.bootstrap },
      ),
    );
  }
  return out;
}
