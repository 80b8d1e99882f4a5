import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";

const ROOT = join(import.meta.dirname, "..", "..", "..");
export const RENDERER_DIR = join(ROOT, "dist", "renderer");

/** vite build of renderer/ into dist/renderer; returns the folder. */
export async function buildRenderer(): Promise<string> {
  await build({ configFile: join(ROOT, "renderer", "vite.config.ts"), configLoader: "runner", logLevel: "warn" });
  if (!existsSync(join(RENDERER_DIR, "index.html"))) throw new Error(`vite build left no ${RENDERER_DIR}/index.html`);
  return RENDERER_DIR;
}

/** The UI tests' renderer: built by the global setup, or here when a test file runs on its own. */
export async function ensureRenderer(): Promise<string> {
  return process.env.COLLAPSE_RENDERER_DIR ?? buildRenderer().then((dir) => (process.env.COLLAPSE_RENDERER_DIR = dir));
}
