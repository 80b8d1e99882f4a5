import { join } from "node:path";
import type { Db } from "../db/openDatabase";
import { buildDefaultModels, type DefaultModelProgress } from "./buildDefaultModels";
import { recipeTexts } from "./defaultModelCorpus";
import { readModelFacts, storeModel, type ModelFacts } from "./registerModel";
import { shippedModelsDir } from "./shippedModels";
import { TINY_RECIPES, type TinyRecipe } from "./tinyRecipes";

export type RegisterDefaultsProgress = DefaultModelProgress | { model: string; stage: "registering" | "registered"; progress?: undefined };

/** The recipe's first `stages` stages, each of `stageRecords` reports where given. */
function shortened(recipe: TinyRecipe, stages?: number, stageRecords?: number): TinyRecipe {
  return {
    ...recipe,
    pretrain: {
      ...recipe.pretrain,
      ...(stages ? { stages: Math.min(stages, recipe.pretrain.stages) } : {}),
      ...(stageRecords ? { stageRecords: Math.min(stageRecords, recipe.pretrain.stageRecords) } : {}),
    },
  };
}

/**
 * Builds (or finds cached, or copies the shipped weights of) the tiny default models in the
 * workspace's models/ folder and registers them: what `lab models build-defaults`, the demo and the
 * Models place all do. `rebuild` ignores the shipped weights and builds from the recipe (up to an
 * hour on 2 cores); `stages` builds only the recipe's first pretraining stages and `stageRecords`
 * makes each of them that many reports (the build tests: the same code in a fraction of the time;
 * COLLAPSE_PRETRAIN_STAGES and COLLAPSE_PRETRAIN_STAGE_RECORDS set them for a whole process).
 */
export async function registerDefaultModels(
  db: Db,
  options: {
    workspaceDir: string;
    threads?: number;
    rebuild?: boolean;
    stages?: number;
    stageRecords?: number;
    signal?: AbortSignal;
    onProgress?: (p: RegisterDefaultsProgress) => void;
  },
) {
  const stages = options.stages ?? (Number(process.env.COLLAPSE_PRETRAIN_STAGES) || undefined);
  const stageRecords = options.stageRecords ?? (Number(process.env.COLLAPSE_PRETRAIN_STAGE_RECORDS) || undefined);
  const shipped = options.rebuild ? null : shippedModelsDir();
  const { bundledVocab } = await import("../../../native/scripts/build");
  const built = await buildDefaultModels({
    dir: join(options.workspaceDir, "models"),
    texts: recipeTexts,
    vocabPath: bundledVocab,
    ...(stages || stageRecords ? { recipes: TINY_RECIPES.map((r) => shortened(r, stages, stageRecords)) } : {}),
    ...(shipped ? { shippedDir: shipped } : {}),
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  // every model's file is read before any is stored: a build stopped here registers none of them
  const facts: ModelFacts[] = [];
  for (const b of built) {
    options.onProgress?.({ model: b.name, stage: "registering" });
    facts.push(await readModelFacts({ path: b.path, name: b.name, origin: "tiny-default", ...(options.signal ? { signal: options.signal } : {}) }));
  }
  options.signal?.throwIfAborted();
  const registered = built.map((b, i) => ({ ...storeModel(db, facts[i]!), pretrain: b.pretrain }));
  for (const b of built) options.onProgress?.({ model: b.name, stage: "registered" });
  return registered;
}
