/**
 * Everything native the project builds from node-llama-cpp's bundle: the trainer (build.ts) and the
 * CPU inference binding (buildInference.ts), side by side: each has stretches on one core
 * (cloning, configuring, linking) that the other's compilers fill. `npm run build:native [--
 * --baselines]`; the tests' global setup and `npm run demo` call the same. Quiet: the screen gets a
 * progress line per phase, native/build/native-build.log everything else.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureTrainerBuilt, planBuild, trainerReady } from "./build";
import { ensureInferenceBuilt, inferenceBuildReady, inferenceBuildWanted } from "./buildInference";
import { openBuildSession } from "./buildSession";

/** Returns the trainer binary once both are up to date. */
export async function ensureNativeBuilt(options: { baselines?: boolean; log?: (s: string) => void } = {}): Promise<string> {
  const plan = planBuild(options);
  if (trainerReady(plan) && (!inferenceBuildWanted() || inferenceBuildReady())) return plan.binary;
  const session = openBuildSession(options.log ? { log: options.log } : {});
  const results = await Promise.allSettled([ensureTrainerBuilt({ ...options, session }), ensureInferenceBuilt({ session })]);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) {
    session.progress.stop();
    throw failed.reason;
  }
  return plan.binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureNativeBuilt({ baselines: process.argv.includes("--baselines") }).catch((error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
