import { existsSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const EXE = process.platform === "win32" ? "collapse-trainer.exe" : "collapse-trainer";

/** COLLAPSE_TRAINER, else the packaged app's resources/bin, else the repository's resources/bin. */
export function locateTrainer(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COLLAPSE_TRAINER) return env.COLLAPSE_TRAINER;
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, "bin", EXE))) return join(packaged, "bin", EXE);
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
  const local = join(repo, "resources", "bin", EXE);
  if (existsSync(local)) return local;
  throw new Error(`the native trainer is not built (${local} is missing); run "npm run build:native"`);
}
