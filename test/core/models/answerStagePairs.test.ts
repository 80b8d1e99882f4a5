import { describe, expect, it } from "vitest";
import { splitAtAnswer } from "../../../electron/core/models/buildDefaultModels";
import { defaultModelTexts, PRETRAINING_SEED } from "../../../electron/core/models/defaultModelCorpus";
import { generateCorpus } from "../../../electron/core/data/synth";
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
});
