/**
 * Everything native the project builds from node-llama-cpp's bundle: the trainer (build.ts), then
 * the CPU inference binding (buildInference.ts). `npm run build:native [-- --baselines]`; the
 * tests' global setup and `npm run demo` call the same.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureTrainerBuilt } from "./build";
import { ensureInferenceBuilt } from "./buildInference";

/** Returns the trainer binary once both are up to date. */
export async function ensureNativeBuilt(options: { baselines?: boolean; log?: (s: string) => void } = {}): Promise<string> {
  const trainer = await ensureTrainerBuilt(options);
  await ensureInferenceBuilt(options.log ? { log: options.log } : {});
  return trainer;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureNativeBuilt({ baselines: process.argv.includes("--baselines") }).catch((error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
