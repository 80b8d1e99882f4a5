import { generateCorpus, DEFAULT_SYNTH } from "../data/synth";
import { DEFAULT_TEMPLATES, renderPrompt, renderAnswer } from "../experiments/promptTemplate";

/**
 * The synthetic corpus as pretraining text for the tiny default models (prompt + conclusion in
 * the study template). Same text as `lab models build-defaults`, so both share one model cache.
 */
export function defaultModelTexts(records: number): string[] {
  return generateCorpus({ records, seed: DEFAULT_SYNTH.seed }).map((r) => renderPrompt(DEFAULT_TEMPLATES.conclusion, r) + renderAnswer("conclusion", r).trimEnd());
}
