import { ensureTrainerBuilt } from "../../native/scripts/build";
import { ensureInferenceBuilt } from "../../native/scripts/buildInference";

/** Builds (or finds up to date) the native trainer and the CPU inference binding once before any test runs. */
export default async function setup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`[native] ${line}\n`);
  const binary = await ensureTrainerBuilt({ log });
  process.env.COLLAPSE_TRAINER = binary;
  await ensureInferenceBuilt({ log });
}
