/**
 * Builds node-llama-cpp's CPU binding from the llama.cpp bundle it ships, for this machine, through
 * node-llama-cpp's own `source download` (it clones the bundle offline, applies its patches and
 * compiles with its defaults). node-llama-cpp then loads this local build in place of its prebuilt
 * CPU binary; GPU binaries stay prebuilt.
 *
 * Why: the prebuilt linux-x64 CPU binaries use ggml's own thread pool, which, driven from a libuv
 * worker, ran a 4-sequence decode step 2–3 × slower at 2 threads than at 1 (15.7 ms against 7.3 ms
 * on the 20M-parameter bench model, 2 cores). The source build's default, OpenMP, ran the same
 * step in 4.8–5.4 ms at 2 threads. Measured 2026-12-02; see README "Speed".
 *
 *   node_modules/node-llama-cpp/llama/localBuilds/<platform>-<arch>/   the build, with our stamp
 *
 * `COLLAPSE_INFERENCE_BUILD=0` skips it (node-llama-cpp's prebuilt binaries are used as they are).
 */
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NativeBuildError } from "./NativeBuildError";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PACKAGE = join(ROOT, "node_modules", "node-llama-cpp");

/** Where node-llama-cpp keeps a local build made with its default options and no GPU. */
export function inferenceBuildDir(): string {
  const platform = process.platform === "win32" ? "win" : process.platform === "darwin" ? "mac" : process.platform;
  return join(PACKAGE, "llama", "localBuilds", `${platform}-${process.arch}`);
}

function stampKey(): string {
  const version = (JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as { version: string }).version;
  return createHash("sha256").update(version).update(readFileSync(join(PACKAGE, "llama", "gitRelease.bundle"))).digest("hex").slice(0, 16);
}

/** Whether the local CPU binding matches the installed node-llama-cpp and its bundle. */
export function inferenceBuildReady(): boolean {
  const dir = inferenceBuildDir();
  const stamp = join(dir, "collapse.stamp");
  return existsSync(join(dir, "buildDone.status")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === stampKey();
}

/** Builds the local CPU binding unless it is up to date or switched off; returns whether one is in place. */
export async function ensureInferenceBuilt(options: { log?: (s: string) => void } = {}): Promise<boolean> {
  const log = options.log ?? ((s: string) => process.stderr.write(s + "\n"));
  if (process.env.COLLAPSE_INFERENCE_BUILD === "0") return false;
  if (inferenceBuildReady()) return true;
  if (!existsSync(join(PACKAGE, "llama", "gitRelease.bundle"))) throw new NativeBuildError(`${PACKAGE}/llama/gitRelease.bundle is missing; run npm ci first`);
  log("building node-llama-cpp's CPU binding from its bundled llama.cpp; the first build takes about 5 minutes");
  const cli = join(PACKAGE, "dist", "cli", "cli.js");
  const r = spawnSync(process.execPath, [cli, "source", "download", "--gpu", "false", "--noUsageExample"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_LLAMA_CPP_SKIP_DOWNLOAD: "false" },
  });
  if (r.status !== 0) throw new NativeBuildError(`node-llama-cpp source download failed with exit code ${r.status}`);
  if (!existsSync(join(inferenceBuildDir(), "buildDone.status"))) throw new NativeBuildError(`node-llama-cpp's build finished but ${inferenceBuildDir()} holds no finished build`);
  writeFileSync(join(inferenceBuildDir(), "collapse.stamp"), stampKey() + "\n");
  log(`built ${inferenceBuildDir()}`);
  return true;
}
