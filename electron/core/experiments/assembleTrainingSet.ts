import { createRng, shuffled } from "../../shared/random";
import type { DataSource } from "../jobs/jobSchemas";

export type TrainingPair = { recordId: number | null; prompt: string; answer: string; origin: "real" | string };

/**
 * The training set of one generation from its DataSource (see PlannedJob): real pairs first,
 * then each synthetic pool, subsampled with the job's seed when the size is fixed.
 */
export function assembleTrainingSet(
  real: readonly TrainingPair[],
  synthetic: readonly (readonly TrainingPair[])[],
  data: DataSource,
  seed: number,
): TrainingPair[] {
  const rng = createRng(seed).fork("training-set");
  const realTaken = data.real >= 1 ? real.slice() : shuffled(real, rng.fork("real")).slice(0, Math.round(data.real * real.length));
  const pool = synthetic.flat();
  if (data.size === null) return [...realTaken, ...pool];
  if (data.sampling === "uniform") return shuffled([...realTaken, ...pool], rng.fork("uniform")).slice(0, data.size);
  // real-share: keep real × size real pairs, fill with synthetic answers to the other prompts
  const realPart = shuffled(realTaken, rng.fork("share")).slice(0, Math.round(data.real * data.size));
  const covered = new Set(realPart.map((p) => p.recordId));
  const fill = shuffled(
    pool.filter((p) => p.recordId === null || !covered.has(p.recordId)),
    rng.fork("fill"),
  );
  return [...realPart, ...fill.slice(0, data.size - realPart.length)];
}
