import { generateCorpus, type SynthOptions } from "../data/synth";
import { DEFAULT_TEMPLATES, renderAnswer, renderPrompt } from "../experiments/promptTemplate";
import type { TinyRecipe } from "./tinyRecipes";

/**
 * The seed of the tiny default models' pretraining corpus: the synthetic generator's "other
 * hospitals". Never the seed of the embedded dataset (DEFAULT_SYNTH.seed), so no record a study
 * of the default dataset trains, generates for or is measured on is in the base models.
 */
export const PRETRAINING_SEED: number = 20_261;

/**
 * The other hospitals' reports as pretraining text, each rendered as the study's prompt and answer.
 * Records `named.from` to `named.to` - 1 come from hospitals whose physicians name the category in
 * every conclusion of a labelled nodule: the same findings (each record draws from its own
 * stream), conclusions of that habit, and with `labelShiftRate` and `labelShift` their graders'
 * labels (generateCorpus; the conclusion follows the label); with `noduleCounts` their own mix of
 * nodule counts, and so other findings.
 */
export function defaultModelTexts(
  records: number,
  named?: { from: number; to: number } & Pick<SynthOptions, "labelShiftRate" | "labelShift" | "noduleCounts">,
): string[] {
  // each record is drawn once: the usual hospitals before and after the named range, the named hospitals within it
  const { from: namedFrom = records, to: namedTo = records, ...graders } = named ?? {};
  const from = Math.min(records, namedFrom);
  const to = Math.min(records, namedTo);
  const reports = [
    ...generateCorpus({ records: from, seed: PRETRAINING_SEED }),
    ...generateCorpus({ records: to, first: from, seed: PRETRAINING_SEED, categoryNamedRate: 1, ...graders }),
    ...generateCorpus({ records, first: to, seed: PRETRAINING_SEED }),
  ];
  return reports.map((r) => renderPrompt(DEFAULT_TEMPLATES.conclusion, r) + renderAnswer("conclusion", r).trimEnd());
}

/** Whether pretraining stage `stage` (0-based) reads the hospitals that always name the category. */
export function stageNamed(recipe: TinyRecipe, stage: number): boolean {
  const named = recipe.pretrain.alwaysNamed;
  return named !== undefined && stage + 1 >= named.from && stage + 1 <= named.to;
}

// both default models share one corpus: generated once per process, not once per model at every registration
const textsOf = new Map<string, readonly string[]>();

/** A recipe's pretraining text: its corpus, the stages of `alwaysNamed` from the hospitals that always name the category. */
export function recipeTexts(recipe: TinyRecipe): string[] {
  const { corpusRecords, stageRecords, alwaysNamed } = recipe.pretrain;
  const named = alwaysNamed && { ...alwaysNamed, from: (alwaysNamed.from - 1) * stageRecords, to: alwaysNamed.to * stageRecords };
  const key = JSON.stringify([corpusRecords, named]);
  if (!textsOf.has(key)) textsOf.set(key, defaultModelTexts(corpusRecords, named));
  return [...textsOf.get(key)!];
}
