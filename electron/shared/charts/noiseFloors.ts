import type { MetricPoint } from "../domain/views";

/** Stored as a metric point by the metrics job; drawn on the KL charts, not as a chart of its own. */
export const NOISE_FLOOR_METRIC = "kl_noise_floor";

/** The KL metrics the floor applies to: both are unigram KLs at the generation's sample size. */
const FLOORED = ["kl_unigram_vs_real", "kl_unigram_vs_m1"] as const;

/**
 * Per metric, a study's noise floor, the one line both the window and the exported report draw:
 * the mean of the kl_noise_floor points of generations ≥ 1 (generation 0's floor is at the whole
 * real set's size, not a generation's).
 */
export function noiseFloors(points: readonly MetricPoint[]): Record<string, number> {
  const floors = points.filter((p) => p.metric === NOISE_FLOOR_METRIC && p.generation >= 1 && p.value !== null).map((p) => p.value!);
  if (!floors.length) return {};
  const mean = floors.reduce((x, y) => x + y, 0) / floors.length;
  return Object.fromEntries(FLOORED.map((m) => [m, mean]));
}
