import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where the default models' weights ship: the packaged app's resources/default-models, else the
 * repository's. They were built from the committed recipe (tinyRecipes.ts); buildDefaultModels
 * copies them only when their stamp equals the recipe's, and rebuilds otherwise.
 */
export function shippedModelsDir(): string | null {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, "default-models"))) return join(packaged, "default-models");
  const repo = join(resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", ".."), "resources", "default-models");
  return existsSync(repo) ? repo : null;
}
