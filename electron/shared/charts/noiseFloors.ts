import type { MetricPoint } from "../domain/views";
import { HELDOUT_SUFFIX } from "../domain/clinicalPanel";

/** Stored as a metric point by the metrics job; drawn on the KL charts, not as a chart of its own. */
export const NOISE_FLOOR_METRIC = "kl_noise_floor";

/**
 * Each divergence and the metric point that holds its noise floor at the same sample size and
 * token budget (docs/metrics.md, "Noise floors"): vs real, two disjoint real samples; vs M1,
 * generation 1 against generation 1 sampled again with another sampling seed.
 */
export const FLOOR_OF: Readonly<Record<string, string>> = {
  kl_unigram_vs_real: NOISE_FLOOR_METRIC,
  kl_bigram_vs_real: "kl_bigram_noise_floor",
  js_unigram_vs_real: "js_noise_floor",
  kl_unigram_vs_m1: "kl_m1_noise_floor",
};

/** The metric points that are floors (or budgets), not metrics of their own. */
export const FLOOR_METRICS: readonly string[] = Object.values(FLOOR_OF);

/**
 * Per metric, a study's noise floor, the one line both the window and the exported report draw:
 * the mean of its floor points of generations ≥ 1 (generation 0's floor is at the whole real
 * set's size, not a generation's), on the training prompts and, with their suffix, on the held-out
 * prompts (their own size). The per-generation floors stay in metrics.csv.
 */
export function noiseFloors(points: readonly MetricPoint[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const suffix of ["", HELDOUT_SUFFIX]) {
    for (const [metric, floorMetric] of Object.entries(FLOOR_OF)) {
      const floors = points.filter((p) => p.metric === floorMetric + suffix && p.generation >= 1 && p.value !== null).map((p) => p.value!);
      if (floors.length) out[metric + suffix] = floors.reduce((x, y) => x + y, 0) / floors.length;
    }
  }
  return out;
}

/** The floors' own points, on either prompt set: lines on the charts, never a chart of their own. */
export const isNoiseFloorMetric = (metric: string): boolean => FLOOR_METRICS.some((f) => metric === f || metric === f + HELDOUT_SUFFIX);

/**
 * Whether any generation's floors vs real were drawn from fewer texts than the generation has
 * (the real pool had fewer than twice its size): the window and the report then say so.
 */
export function floorPoolTooSmall(points: readonly MetricPoint[]): boolean {
  const key = (p: MetricPoint) => `${p.design}\u0000${p.model}\u0000${p.seed}\u0000${p.generation}`;
  const samples = new Map(points.filter((p) => p.metric === "samples" && p.value !== null).map((p) => [key(p), p.value!]));
  return points.some((p) => p.metric === "floor_sample_texts" && p.value !== null && p.generation >= 1 && p.value < (samples.get(key(p)) ?? 0));
}
