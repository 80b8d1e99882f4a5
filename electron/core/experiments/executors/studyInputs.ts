import type { Db } from "../../db/openDatabase";
import type { StudySettings } from "../createStudy";
import { realPairs, type RealPair } from "../studyData";
import { DEFAULT_STOPS, DEFAULT_TEMPLATES, DEFAULT_TRAIN_CONTEXT, renderAnswer, renderPrompt, type PromptMode } from "../promptTemplate";

/** What every job of a study reads: the template and the real pairs its settings select. */
export type StudyInputs = {
  mode: PromptMode;
  template: string;
  stop: string[];
  /** tokens per training window */
  trainContext: number;
  train: RealPair[];
  test: RealPair[];
  /** the whole real training split, not subsampled: the pool the noise floors draw two disjoint samples from (read on the first call) */
  trainPool: () => RealPair[];
  prompt: (r: { description: string; additional?: string | null }) => string;
  answer: (r: { description: string; conclusion: string }) => string;
};

export function studyInputs(db: Db, settings: StudySettings): StudyInputs {
  const { spec } = settings;
  const mode = spec.generate.mode;
  const template = spec.generate.promptTemplate ?? DEFAULT_TEMPLATES[mode];
  const pick = (part: "train" | "test", limit: number | null) =>
    realPairs(db, { datasetId: settings.datasetId, splitId: settings.splitId, part, limit, seed: spec.splitSeed });
  let pool: RealPair[] | null = null;
  return {
    mode,
    template,
    stop: spec.generate.stop ?? DEFAULT_STOPS[mode],
    trainContext: spec.train.contextSize ?? DEFAULT_TRAIN_CONTEXT[mode],
    train: pick("train", spec.trainRecords),
    test: pick("test", spec.evalRecords),
    trainPool: () => (pool ??= pick("train", null)),
    prompt: (r) => renderPrompt(template, r),
    answer: (r) => renderAnswer(mode, r),
  };
}

/**
 * studyInputs read once per database: every job of a run asks for the same pairs (its dataset and
 * split do not change under a study), and reading and ordering them cost more than a small job.
 */
export function studyInputsOnce(settings: StudySettings): (db: Db) => StudyInputs {
  const read = new WeakMap<Db, StudyInputs>();
  return (db) => {
    let inputs = read.get(db);
    if (!inputs) read.set(db, (inputs = studyInputs(db, settings)));
    return inputs;
  };
}

/** Per-job seeds: different for every (study seed, model, generation), the same on every re-run. */
export function jobSeed(seed: number, model: number, generation: number): number {
  return (Math.imul(seed + 1, 1_000_003) + model * 7919 + generation * 104_729) >>> 0;
}
