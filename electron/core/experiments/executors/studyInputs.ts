import type { Db } from "../../db/openDatabase";
import type { StudySettings } from "../createStudy";
import { realPairs, type RealPair } from "../studyData";
import { DEFAULT_STOPS, DEFAULT_TEMPLATES, DEFAULT_TRAIN_CONTEXT, renderAnswer, renderPrompt, studyPrompt, type PromptMode } from "../promptTemplate";
import type { PromptFormat } from "../../../shared/domain/study";

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
  format: PromptFormat;
  /**
   * A chat template's markers ("<|eot_id|>") are the model's special tokens: with promptFormat
   * "chat-template" the trainer, the evaluator and the generator all read them as such.
   */
  specialTokens: boolean;
  /** the prompt model `model` (its index in the study) is trained on and generates from (studyPrompt) */
  prompt: (r: { description: string; additional?: string | null }, model: number) => string;
  /** the template's text as it is, whichever the format: the prompt of a real record, which belongs to no model */
  plainPrompt: (r: { description: string; additional?: string | null }) => string;
  answer: (r: { description: string; conclusion: string }) => string;
};

export function studyInputs(db: Db, settings: StudySettings): StudyInputs {
  const { spec } = settings;
  const mode = spec.generate.mode;
  const template = spec.generate.promptTemplate ?? DEFAULT_TEMPLATES[mode];
  const pick = (part: "train" | "test", limit: number | null) =>
    realPairs(db, { datasetId: settings.datasetId, splitId: settings.splitId, part, limit, seed: spec.splitSeed });
  let pool: RealPair[] | null = null;
  // a study stored before the setting existed has none: it prompted plainly
  const format: PromptFormat = spec.generate.promptFormat === "chat-template" ? "chat-template" : "plain";
  const chatTemplates = settings.models.map((m) => {
    if (format === "plain") return null;
    // createStudy stores every model's template when the format is on; a study without one cannot prompt as it was made
    if (!m.chatTemplate) throw new Error(`the study prompts through chat templates, but none is stored for its model ${m.name}`);
    return m.chatTemplate;
  });
  return {
    mode,
    template,
    format,
    specialTokens: format === "chat-template",
    stop: spec.generate.stop ?? DEFAULT_STOPS[mode],
    trainContext: spec.train.contextSize ?? DEFAULT_TRAIN_CONTEXT[mode],
    train: pick("train", spec.trainRecords),
    test: pick("test", spec.evalRecords),
    trainPool: () => (pool ??= pick("train", null)),
    prompt: (r, model) => studyPrompt(template, chatTemplates[model] ?? null, r),
    plainPrompt: (r) => renderPrompt(template, r),
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
