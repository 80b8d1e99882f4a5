/**
 * Builds node-llama-cpp's CPU binding for this machine through node-llama-cpp's own CLI: `source
 * download --skipBuild` clones its bundle (offline) and applies its patches, then ours go on the
 * same tree (native/patches: training only, inference reads the same code), then `source build
 * --gpu false` compiles it with node-llama-cpp's defaults. node-llama-cpp then loads this local
 * build in place of its prebuilt CPU binary; GPU binaries stay prebuilt. The trainer links this
 * build's libllama and libggml (build.ts), so llama.cpp is compiled once for both.
 *
 * Why: the prebuilt linux-x64 CPU binaries use ggml's own thread pool, which, driven from a libuv
 * worker, decodes slower at 2 threads than at 1; the source build's default, OpenMP, gains from the
 * second thread (the figures are in bench/RESULTS.md).
 *
 *   node_modules/node-llama-cpp/llama/llama.cpp/                       the patched tree
 *   node_modules/node-llama-cpp/llama/localBuilds/<platform>-<arch>/   the build, with our stamp
 *
 * `COLLAPSE_INFERENCE_BUILD=0` skips it (node-llama-cpp's prebuilt binaries are used as they are).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NativeBuildError } from "./NativeBuildError";
import { openBuildSession, type BuildSession } from "./buildSession";
import { applyPatches, isPatched, ourPatches, patchSetId } from "./patchedSource";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PACKAGE = join(ROOT, "node_modules", "node-llama-cpp");
/** The phase name on screen and in the log. */
const STEP = "CPU binding";

/** Where node-llama-cpp keeps a local build made with its default options and no GPU. */
export function inferenceBuildDir(): string {
  const platform = process.platform === "win32" ? "win" : process.platform === "darwin" ? "mac" : process.platform;
  return join(PACKAGE, "llama", "localBuilds", `${platform}-${process.arch}`);
}

function stampKey(): string {
  const version = (JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as { version: string }).version;
  return createHash("sha256")
    .update(version)
    .update(readFileSync(join(PACKAGE, "llama", "gitRelease.bundle")))
    .update(patchSetId(ourPatches()))
    .digest("hex")
    .slice(0, 16);
}

/** Whether the local CPU binding matches the installed node-llama-cpp and its bundle. */
export function inferenceBuildReady(): boolean {
  const dir = inferenceBuildDir();
  const stamp = join(dir, "collapse.stamp");
  return existsSync(join(dir, "buildDone.status")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === stampKey();
}

/** The llama.cpp tree node-llama-cpp compiles, with our patches on it once inferenceSourceReady. */
export function inferenceSourceDir(): string {
  return join(PACKAGE, "llama", "llama.cpp");
}

function cli(session: BuildSession, args: string[], onLine?: (line: string) => void): Promise<void> {
  return session.log.run(STEP, process.execPath, [join(PACKAGE, "dist", "cli", "cli.js"), ...args], {
    cwd: ROOT,
    // no colours or spinners in the log; git's detached-HEAD advice stays out of it too
    env: {
      ...process.env,
      NODE_LLAMA_CPP_SKIP_DOWNLOAD: "false",
      FORCE_COLOR: "0",
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "advice.detachedHead",
      GIT_CONFIG_VALUE_0: "false",
    },
    ...(onLine ? { onLine } : {}),
  });
}

let sourceInFlight: Promise<void> | undefined;

/**
 * The patched tree, cloned and patched once per process however many steps wait for it (the
 * binding compiles it, the trainer reads its headers).
 */
export function ensureInferenceSource(session: BuildSession): Promise<void> {
  if (isPatched(inferenceSourceDir(), ourPatches())) return Promise.resolve();
  sourceInFlight ??= (async () => {
    if (!existsSync(join(PACKAGE, "llama", "gitRelease.bundle"))) throw new NativeBuildError(`${PACKAGE}/llama/gitRelease.bundle is missing; run npm ci first`);
    // a fresh clone every time: node-llama-cpp removes the old tree first
    await cli(session, ["source", "download", "--skipBuild", "--noUsageExample"]);
    applyPatches(inferenceSourceDir(), ourPatches(), session, STEP);
  })().finally(() => (sourceInFlight = undefined));
  return sourceInFlight;
}

let buildInFlight: Promise<boolean> | undefined;

/**
 * Builds the local CPU binding unless it is up to date or switched off; returns whether one is in
 * place. node-llama-cpp's output goes to the session's log file; the screen gets one progress line.
 * The trainer's build waits on the same promise.
 */
export function ensureInferenceBuilt(options: { log?: (s: string) => void; session?: BuildSession } = {}): Promise<boolean> {
  if (!inferenceBuildWanted()) return Promise.resolve(false);
  if (inferenceBuildReady()) return Promise.resolve(true);
  buildInFlight ??= buildInference(options.session ?? openBuildSession(options.log ? { log: options.log } : {})).finally(() => (buildInFlight = undefined));
  return buildInFlight;
}

async function buildInference(session: BuildSession): Promise<boolean> {
  const phase = session.progress.start(STEP, session.estimateS(STEP));
  await ensureInferenceSource(session);
  await cli(session, ["source", "build", "--gpu", "false", "--noUsageExample"], phase.line);
  if (!existsSync(join(inferenceBuildDir(), "buildDone.status")))
    throw new NativeBuildError(`node-llama-cpp's build finished but ${inferenceBuildDir()} holds no finished build; see ${session.log.path}`);
  writeFileSync(join(inferenceBuildDir(), "collapse.stamp"), stampKey() + "\n");
  session.log.note(STEP, `built ${inferenceBuildDir()}`);
  session.took(STEP, phase.done());
  return true;
}

/** `COLLAPSE_INFERENCE_BUILD=0` keeps node-llama-cpp's prebuilt binaries. */
export function inferenceBuildWanted(): boolean {
  return process.env.COLLAPSE_INFERENCE_BUILD !== "0";
}
