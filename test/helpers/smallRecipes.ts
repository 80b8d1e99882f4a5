import { bundledVocab } from "../../native/scripts/build";
import { buildDefaultModels } from "../../electron/core/models/buildDefaultModels";
import { recipeTexts } from "../../electron/core/models/defaultModelCorpus";
import { TINY_RECIPES, type TinyRecipe } from "../../electron/core/models/tinyRecipes";

/**
 * The default models' recipes at a size that builds in seconds: the same code path, stage for
 * stage. The corpus (and so the fitted vocabulary) does not depend on `stages`, so a recipe with
 * fewer stages builds the same first stages.
 */
export function smallRecipes(stages: number, size: { stageRecords?: number; corpusRecords?: number } = {}): TinyRecipe[] {
  const { stageRecords = 8, corpusRecords = 24 } = size;
  return TINY_RECIPES.map((r) => ({
    ...r,
    init: { ...r.init, n_embd: 32, n_layer: 1, n_head: 2, n_head_kv: 1, n_ff: 64 },
    pretrain: { ...r.pretrain, corpusRecords, stageRecords, stages, ctx: 512 },
  }));
}

/** buildDefaultModels as the tests run it: these recipes, the pretraining corpus, the bundled vocabularies, one trainer thread. */
export function buildSmall(
  dir: string,
  recipes: TinyRecipe[],
  options: Pick<Parameters<typeof buildDefaultModels>[0], "shippedDir" | "signal" | "onProgress"> = {},
): ReturnType<typeof buildDefaultModels> {
  return buildDefaultModels({ dir, recipes, texts: recipeTexts, vocabPath: bundledVocab, threads: 1, ...options });
}
