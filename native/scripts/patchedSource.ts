/**
 * Our patches (native/patches/*.patch) on a llama.cpp tree that already carries node-llama-cpp's
 * own: the one source both the trainer and the CPU binding compile. A marker file in the tree holds
 * the patch set it carries, so a tree is patched once.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NativeBuildError } from "./NativeBuildError";
import type { BuildSession } from "./buildSession";

const NATIVE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = resolve(NATIVE, "..");
/** node-llama-cpp's llama folder: the bundle, its patches, its local builds. */
export const LLAMA_DIR = join(ROOT, "node_modules", "node-llama-cpp", "llama");

export function listFiles(dir: string, filter: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => filter(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

export function nodeLlamaCppPatches(): string[] {
  return listFiles(join(LLAMA_DIR, "patches"), (f) => f.endsWith(".diff"));
}

export function ourPatches(): string[] {
  return listFiles(join(NATIVE, "patches"), (f) => f.endsWith(".patch"));
}

/** A hash of the patches' names and contents. */
export function patchSetId(patches: string[]): string {
  const h = createHash("sha256");
  for (const p of patches) h.update(p.slice(ROOT.length)).update(readFileSync(p));
  return h.digest("hex");
}

const MARKER = ".collapse-patched";

export function isPatched(srcDir: string, patches: string[]): boolean {
  const marker = join(srcDir, MARKER);
  return existsSync(marker) && readFileSync(marker, "utf8").trim() === patchSetId(patches);
}

/** Applies `patches` in order to a clean tree; one that no longer applies stops with a message naming it. */
export function applyPatches(srcDir: string, patches: string[], session: BuildSession, step: string): void {
  for (const patch of patches) {
    const check = spawnSync("git", ["apply", "--check", patch], { cwd: srcDir, encoding: "utf8" });
    if (check.status !== 0) {
      throw new NativeBuildError(
        `patch ${patch.slice(ROOT.length + 1)} no longer applies to the llama.cpp in node-llama-cpp's bundle:\n${check.stderr.trim()}`,
      );
    }
    execFileSync("git", ["apply", patch], { cwd: srcDir });
    session.log.note(step, `applied ${patch.slice(ROOT.length + 1)}`);
  }
  writeFileSync(join(srcDir, MARKER), patchSetId(patches) + "\n");
}
