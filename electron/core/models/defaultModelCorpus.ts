import { generateCorpus } from "../data/synth";
import { DEFAULT_TEMPLATES, renderAnswer, renderPrompt } from "../experiments/promptTemplate";

/**
 * The seed of the tiny default models' pretraining corpus: the synthetic generator's "other
 * hospitals". Never the seed of the embedded dataset (DEFAULT_SYNTH.seed), so no record a study
 * of the default dataset trains, generates for or is measured on is in the base models.
 */
export const PRETRAINING_SEED: number = 20_261;

/** The other hospitals' reports as pretraining text, each rendered as the study's prompt and answer. */
export function defaultModelTexts(records: number): string[] {
  return generateCorpus({ records, seed: PRETRAINING_SEED }).map(
    (r) => renderPrompt(DEFAULT_TEMPLATES.conclusion, r) + renderAnswer("conclusion", r).trimEnd(),
  );
}
