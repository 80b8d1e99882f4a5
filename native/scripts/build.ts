/**
 * Builds the native trainer from the llama.cpp that node-llama-cpp ships, with node-llama-cpp's
 * own patches and ours applied, and caches the result (`npm run build:native`, buildNative.ts).
 *
 *   key = sha256(bundle, every patch, native/CMakeLists.txt, native/src/**, build flavour)
 *   native/.cache/llama.cpp-<key>/   the patched source tree (git clone of the bundle)
 *   native/build/<flavour>/          the CMake build (incremental)
 *   resources/bin/collapse-trainer   the installed binary, with a .stamp holding the key
 *   native/build/native-build.log    everything the build printed
 *
 * A patch that no longer applies stops the build with a message naming it.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";
import { NativeBuildError } from "./NativeBuildError";
import { openBuildSession, type BuildSession } from "./buildSession";

const NATIVE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(NATIVE, "..");
const LLAMA_DIR = join(ROOT, "node_modules", "node-llama-cpp", "llama");
const BIN_DIR = join(ROOT, "resources", "bin");
/** The phase name on screen and in the log. */
const STEP = "trainer";
const EXE = process.platform === "win32" ? "collapse-trainer.exe" : "collapse-trainer";

function listFiles(dir: string, filter: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => filter(f) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

function hasCuda(): boolean {
  if (process.env.COLLAPSE_CUDA === "0") return false;
  if (process.env.COLLAPSE_CUDA === "1") return true;
  // the toolkit alone is not enough: a CUDA build takes long and is only worth it where a GPU runs it
  return spawnSync("nvcc", ["--version"], { stdio: "ignore" }).status === 0 && spawnSync("nvidia-smi", ["-L"], { stdio: "ignore" }).status === 0;
}

/** llama.cpp's own tools from the same tree: the baselines of `npm run bench`. */
const BASELINES = ["llama-finetune", "llama-batched-bench", "llama-batched", "llama-perplexity", "llama-quantize"] as const;
export type Baseline = (typeof BASELINES)[number];

export type BuildPlan = {
  key: string;
  flavour: string;
  bundle: string;
  patches: string[];
  srcDir: string;
  buildDir: string;
  binary: string;
  baselines: boolean;
};

export function planBuild(options: { baselines?: boolean } = {}): BuildPlan {
  const bundle = join(LLAMA_DIR, "gitRelease.bundle");
  if (!existsSync(bundle)) throw new NativeBuildError(`${bundle} is missing; run npm ci first`);
  const patches = [...listFiles(join(LLAMA_DIR, "patches"), (f) => f.endsWith(".diff")), ...listFiles(join(NATIVE, "patches"), (f) => f.endsWith(".patch"))];
  const flavour = `${hasCuda() ? "cuda" : "cpu"}${process.env.COLLAPSE_PORTABLE === "1" ? "-portable" : ""}`;
  const hash = createHash("sha256");
  hash.update(readFileSync(bundle));
  for (const f of [...patches, join(NATIVE, "CMakeLists.txt"), ...listFiles(join(NATIVE, "src"), () => true)])
    hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  hash.update(flavour);
  const key = hash.digest("hex").slice(0, 16);
  // one source tree per bundle; a changed patch set is re-applied in place (git reset --hard touches
  // only the files that differ, so the CMake build stays incremental)
  const srcDir = join(NATIVE, ".cache", `llama.cpp-${createHash("sha256").update(readFileSync(bundle)).digest("hex").slice(0, 16)}`);
  return { key, flavour, bundle, patches, srcDir, buildDir: join(NATIVE, "build", flavour), binary: join(BIN_DIR, EXE), baselines: options.baselines ?? false };
}

function patchSetId(plan: BuildPlan): string {
  const h = createHash("sha256");
  for (const p of plan.patches) h.update(p.slice(ROOT.length)).update(readFileSync(p));
  return h.digest("hex");
}

async function prepareSource(plan: BuildPlan, session: BuildSession): Promise<void> {
  const marker = join(plan.srcDir, ".collapse-patched");
  const wanted = patchSetId(plan);
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === wanted) return;
  const git = (args: string[], cwd = plan.srcDir) => session.log.run(STEP, "git", args, { cwd });
  if (existsSync(join(plan.srcDir, ".git"))) {
    const root = execFileSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: plan.srcDir, encoding: "utf8" }).trim().split("\n")[0]!;
    await git(["reset", "--quiet", "--hard", root]);
    await git(["clean", "-q", "-fd"]);
  } else {
    rmSync(plan.srcDir, { recursive: true, force: true });
    mkdirSync(dirname(plan.srcDir), { recursive: true });
    await git(["-c", "advice.detachedHead=false", "clone", "--quiet", plan.bundle, plan.srcDir], ROOT);
  }
  for (const patch of plan.patches) {
    const check = spawnSync("git", ["apply", "--check", patch], { cwd: plan.srcDir, encoding: "utf8" });
    if (check.status !== 0) {
      throw new NativeBuildError(
        `patch ${patch.slice(ROOT.length + 1)} no longer applies to the llama.cpp in node-llama-cpp's bundle:\n${check.stderr.trim()}`,
      );
    }
    execFileSync("git", ["apply", patch], { cwd: plan.srcDir });
    session.log.note(STEP, `applied ${patch.slice(ROOT.length + 1)}`);
  }
  writeFileSync(marker, wanted + "\n");
}

/** Whether the installed trainer (and the baselines, if asked for) match the sources. */
export function trainerReady(plan: BuildPlan): boolean {
  const stamp = `${plan.binary}.stamp`;
  const baselinesReady = !plan.baselines || BASELINES.every((b) => existsSync(join(plan.buildDir, b)));
  return existsSync(plan.binary) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === plan.key && baselinesReady;
}

/**
 * Returns the trainer binary, building it first if the cached one does not match the sources. The
 * build's output goes to the session's log file; the screen gets one progress line.
 */
export async function ensureTrainerBuilt(options: { baselines?: boolean; log?: (s: string) => void; session?: BuildSession } = {}): Promise<string> {
  const plan = planBuild(options);
  if (trainerReady(plan)) return plan.binary;
  const session = options.session ?? openBuildSession(options.log ? { log: options.log } : {});
  const phase = session.progress.start(STEP, session.estimateS(STEP));
  await prepareSource(plan, session);
  const cuda = plan.flavour.startsWith("cuda");
  const portable = plan.flavour.endsWith("portable");
  const cmake = (args: string[]) => session.log.run(STEP, "cmake", args, { cwd: ROOT, onLine: phase.line });
  await cmake([
    "-S",
    NATIVE,
    "-B",
    plan.buildDir,
    `-DLLAMA_CPP_DIR=${plan.srcDir}`,
    "-DCMAKE_BUILD_TYPE=Release",
    `-DGGML_NATIVE=${portable ? "OFF" : "ON"}`,
    ...(portable ? ["-DGGML_AVX2=ON", "-DGGML_FMA=ON", "-DGGML_F16C=ON"] : []),
    `-DGGML_CUDA=${cuda ? "ON" : "OFF"}`,
    `-DCOLLAPSE_BUILD_BASELINES=${plan.baselines ? "ON" : "OFF"}`,
  ]);
  const targets = ["collapse-trainer", ...(plan.baselines ? BASELINES : [])];
  await cmake(["--build", plan.buildDir, "--config", "Release", "-j", String(buildJobs()), "--target", ...targets]);
  mkdirSync(BIN_DIR, { recursive: true });
  // a new file renamed over the old: a trainer still running (a study) keeps its own copy, where copying over it fails with ETXTBSY
  copyFileSync(join(plan.buildDir, EXE), `${plan.binary}.new`);
  chmodSync(`${plan.binary}.new`, 0o755);
  renameSync(`${plan.binary}.new`, plan.binary);
  writeFileSync(`${plan.binary}.stamp`, plan.key + "\n");
  session.log.note(STEP, `installed ${plan.binary}`);
  session.took(STEP, phase.done());
  return plan.binary;
}

/** COLLAPSE_BUILD_JOBS, else one compiler per core. */
export function buildJobs(): number {
  return Math.max(1, Number(process.env.COLLAPSE_BUILD_JOBS) || availableParallelism());
}

/** A tokenizer vocabulary GGUF shipped in the llama.cpp bundle (models/ggml-vocab-<name>.gguf). */
export function bundledVocab(name: "llama-spm" | "llama-bpe" | "gpt-2"): string {
  const path = join(planBuild().srcDir, "models", `ggml-vocab-${name}.gguf`);
  if (!existsSync(path)) throw new NativeBuildError(`${path} is missing; run npm run build:native first`);
  return path;
}

export function baselineBinary(name: Baseline): string {
  return join(planBuild({ baselines: true }).buildDir, name);
}
