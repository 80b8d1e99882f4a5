import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..", "..");
/** What the built UI is made from: its own folder, the shared code it imports, the locked dependencies. */
const SOURCES = ["renderer", join("electron", "shared"), "package-lock.json"];
const STAMP = ".source-hash";

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: "utf8" })
    .sort()
    .map((f) => join(path, f))
    .filter((f) => statSync(f).isFile());
}

/** A hash of every source of the built UI (contents, not times: a checkout that touches files costs nothing). */
export function rendererSourceHash(): string {
  const hash = createHash("sha256");
  for (const file of SOURCES.flatMap((s) => files(join(ROOT, s)))) hash.update(file.slice(ROOT.length)).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

/** Whether `dir` holds a UI built from the current sources. */
export function rendererFresh(dir: string): boolean {
  const stamp = join(dir, STAMP);
  return existsSync(join(dir, "index.html")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === rendererSourceHash();
}

/**
 * Builds the renderer into dist/renderer (vite, quietly) unless it is there and built from the
 * current sources; returns the folder. `lab serve` calls it, so a user never builds by hand.
 */
export async function ensureRendererBuilt(options: { dir: string; log?: (line: string) => void }): Promise<string> {
  if (rendererFresh(options.dir)) return options.dir;
  const started = Date.now();
  options.log?.("building the UI (vite) …");
  // vite is a development dependency: only a source checkout builds its UI
  const { build } = await import("vite");
  await build({ configFile: join(ROOT, "renderer", "vite.config.ts"), configLoader: "runner", logLevel: "warn", build: { outDir: options.dir } });
  if (!existsSync(join(options.dir, "index.html"))) throw new Error(`vite build left no ${options.dir}/index.html`);
  writeFileSync(join(options.dir, STAMP), rendererSourceHash() + "\n");
  options.log?.(`built the UI in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return options.dir;
}
