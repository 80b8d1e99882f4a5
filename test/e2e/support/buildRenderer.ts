import { join } from "node:path";
import { ensureRendererBuilt } from "../../../electron/cli/serve/rendererBuild";

const ROOT = join(import.meta.dirname, "..", "..", "..");
export const RENDERER_DIR = join(ROOT, "dist", "renderer");

/** dist/renderer built from the current sources (as `lab serve` builds it); returns the folder. */
export async function buildRenderer(): Promise<string> {
  return ensureRendererBuilt({ dir: RENDERER_DIR });
}

/** The UI tests' renderer: built by the global setup, or here when a test file runs on its own. */
export async function ensureRenderer(): Promise<string> {
  return process.env.COLLAPSE_RENDERER_DIR ?? buildRenderer().then((dir) => (process.env.COLLAPSE_RENDERER_DIR = dir));
}
