import { join } from "node:path";
import type { Db } from "../db/openDatabase";
import { buildDefaultModels, type DefaultModelProgress } from "./buildDefaultModels";
import { defaultModelTexts } from "./defaultModelCorpus";
import { registerModel } from "./registerModel";

export type RegisterDefaultsProgress = DefaultModelProgress | { model: string; stage: "registered"; progress?: undefined };

/**
 * Builds (or finds cached) the tiny default models in the workspace's models/ folder and registers
 * them: what `lab models build-defaults`, the demo and the Models place all do.
 */
export async function registerDefaultModels(
  db: Db,
  options: { workspaceDir: string; threads?: number; signal?: AbortSignal; onProgress?: (p: RegisterDefaultsProgress) => void },
) {
  const { bundledVocab } = await import("../../../native/scripts/build");
  const built = await buildDefaultModels({
    dir: join(options.workspaceDir, "models"),
    texts: (recipe) => defaultModelTexts(recipe.pretrain.records),
    vocabPath: bundledVocab,
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const registered = [];
  for (const b of built) {
    const m = await registerModel(db, { path: b.path, name: b.name, origin: "tiny-default", ...(options.signal ? { signal: options.signal } : {}) });
    options.onProgress?.({ model: b.name, stage: "registered" });
    registered.push({ ...m, pretrain: b.pretrain });
  }
  return registered;
}
