import { ensureNativeBuilt } from "../../native/scripts/buildNative";

/** Builds (or finds up to date) the native trainer and the CPU inference binding once before any test runs. */
export default async function setup(): Promise<void> {
  process.env.COLLAPSE_TRAINER = await ensureNativeBuilt({ log: (line) => process.stderr.write(`[native] ${line}\n`) });
}
