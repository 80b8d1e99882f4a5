import { describe, expect, it } from "vitest";
import { splitAtAnswer } from "../../../electron/core/models/buildDefaultModels";
import { defaultModelTexts, PRETRAINING_SEED, recipeTexts } from "../../../electron/core/models/defaultModelCorpus";
import { TINY_RECIPES, type TinyRecipe } from "../../../electron/core/models/tinyRecipes";
import { generateCorpus, type SynthOptions } from "../../../electron/core/data/synth";
import { DEFAULT_STOPS, DEFAULT_TEMPLATES, toTrainingPair } from "../../../electron/core/experiments/promptTemplate";

describe("a pretraining stage on the answers", () => {
  it("trains each report as exactly the pair a study trains generation 1 on, ending at the conclusion's stop", () => {
    const records = generateCorpus({ records: 40, seed: PRETRAINING_SEED });
    const texts = defaultModelTexts(40);
    for (const [i, text] of texts.entries()) {
      const pair = splitAtAnswer(text);
      expect(pair).toEqual(toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", records[i]!));
      expect(DEFAULT_STOPS.conclusion.some((stop) => pair.answer.endsWith(stop))).toBe(true);
    }
  });

  it("in a recipe's alwaysNamed stages, reads the same reports from hospitals that name the category in every labelled conclusion", () => {
    const recipe: TinyRecipe = {
      ...TINY_RECIPES[0]!,
      pretrain: { ...TINY_RECIPES[0]!.pretrain, corpusRecords: 60, stageRecords: 20, stages: 3, alwaysNamed: { from: 2, to: 2 } },
    };
    const texts = recipeTexts(recipe);
    const usual = defaultModelTexts(60);
    expect(texts.slice(0, 20)).toEqual(usual.slice(0, 20));
    const named = generateCorpus({ records: 60, seed: PRETRAINING_SEED, categoryNamedRate: 1 });
    expect(texts.slice(40)).toEqual(usual.slice(40));
    for (let i = 20; i < 40; i++) {
      expect(splitAtAnswer(texts[i]!).prompt).toBe(splitAtAnswer(usual[i]!).prompt);
      expect(splitAtAnswer(texts[i]!)).toEqual(toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", named[i]!));
    }
    expect(texts.filter((t) => /TIRADS[^\n]*$/.test(t)).length).toBeGreaterThan(usual.filter((t) => /TIRADS[^\n]*$/.test(t)).length);
    // with labelShiftRate, those hospitals' graders disagree with the rules for that share of the labels;
    // with labelShift "any", every shifted label is drawn from 2–5 alike ("highest": per record), and
    // with noduleCounts their reports describe their own mix of nodules; in those stages only
    const gradedBy = (graders: Pick<SynthOptions, "labelShiftRate" | "labelShift" | "noduleCounts">) => {
      const graded = recipeTexts({ ...recipe, pretrain: { ...recipe.pretrain, alwaysNamed: { from: 2, to: 2, ...graders } } });
      const records = generateCorpus({ records: 40, first: 20, seed: PRETRAINING_SEED, categoryNamedRate: 1, ...graders });
      expect(graded.slice(20, 40).map((t) => splitAtAnswer(t))).toEqual(records.map((r) => toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", r)));
      expect(graded.slice(20, 40)).not.toEqual(texts.slice(20, 40));
      expect([...graded.slice(0, 20), ...graded.slice(40)]).toEqual([...texts.slice(0, 20), ...texts.slice(40)]);
      return graded;
    };
    const graded = gradedBy({ labelShiftRate: 0.3 });
    const random = gradedBy({ labelShiftRate: 1, labelShift: "any" });
    expect(random.slice(20, 40)).not.toEqual(graded.slice(20, 40));
    const highest = gradedBy({ labelShiftRate: 1, labelShift: "highest", noduleCounts: [[2, 1]] });
    expect(highest.slice(20, 40)).not.toEqual(random.slice(20, 40));
    // a recipe without it reads the usual corpus
    expect(recipeTexts({ ...recipe, pretrain: { ...recipe.pretrain, alwaysNamed: undefined } })).toEqual(usual);
  });
});
