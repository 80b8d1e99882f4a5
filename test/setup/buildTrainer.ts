import { ensureTrainerBuilt } from "../../native/scripts/build";

/** Builds (or finds up to date) the native trainer once before any test runs. */
export default async function setup(): Promise<void> {
  const binary = await ensureTrainerBuilt({ log: (line) => process.stderr.write(`[native] ${line}\n`) });
  process.env.COLLAPSE_TRAINER = binary;
}
