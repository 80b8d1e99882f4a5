import type { MetricPoint } from "../domain/views";
import { HELDOUT_SUFFIX } from "../domain/clinicalPanel";

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
  const out: Record<string, number> = {};
  // the training prompts' floor, then the held-out prompts' own (their own size and real pool)
  for (const suffix of ["", HELDOUT_SUFFIX]) {
    const floors = points.filter((p) => p.metric === NOISE_FLOOR_METRIC + suffix && p.generation >= 1 && p.value !== null).map((p) => p.value!);
    if (!floors.length) continue;
    const mean = floors.reduce((x, y) => x + y, 0) / floors.length;
    for (const m of FLOORED) out[m + suffix] = mean;
  }
  return out;
}

/** The floor's own points, on either prompt set: lines on the KL charts, never a chart of their own. */
export const isNoiseFloorMetric = (metric: string): boolean => metric === NOISE_FLOOR_METRIC || metric === NOISE_FLOOR_METRIC + HELDOUT_SUFFIX;
