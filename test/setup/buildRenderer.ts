import { buildRenderer } from "../e2e/support/buildRenderer";

/** Builds the renderer (vite) once before the UI tests; wire into vitest.config.ts globalSetup. */
export default async function setup(): Promise<void> {
  const dir = await buildRenderer();
  process.env.COLLAPSE_RENDERER_DIR = dir;
}
