/**
 * Builds the native trainer from the llama.cpp that node-llama-cpp ships, with node-llama-cpp's
 * own patches and ours applied, and caches the result (`npm run build:native`, buildNative.ts).
 *
 * Flavour `cpu-shared` (Linux, the CPU binding built here): the trainer compiles its own sources
 * only and links the binding's libllama and libggml, built from the same patched tree with the same
 * flags (Release, GGML_NATIVE) but OpenMP. Other flavours compile llama.cpp here, statically:
 *
 *   key = sha256(bundle, every patch, native/CMakeLists.txt, native/src/**, build flavour)
 *   native/.cache/llama.cpp-<key>/   the patched source tree (git clone of the bundle; not cpu-shared)
 *   native/build/<flavour>/          the CMake build (incremental)
 *   resources/bin/collapse-trainer   the installed binary, with a .stamp holding the key
 *   resources/bin/collapse-trainer.lib/   cpu-shared: the libraries it loads ($ORIGIN rpath)
 *   native/build/native-build.log    everything the build printed
 *
 * A patch that no longer applies stops the build with a message naming it.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { dirname, join } from "node:path";
import { availableParallelism } from "node:os";
import { NativeBuildError } from "./NativeBuildError";
import { openBuildSession, type BuildSession } from "./buildSession";
import { ensureInferenceBuilt, ensureInferenceSource, inferenceBuildDir, inferenceBuildWanted, inferenceSourceDir } from "./buildInference";
import { applyPatches, isPatched, LLAMA_DIR, listFiles, nodeLlamaCppPatches, ourPatches, ROOT } from "./patchedSource";

const NATIVE = join(ROOT, "native");
const BIN_DIR = join(ROOT, "resources", "bin");
/** The phase name on screen and in the log. */
const STEP = "trainer";
const EXE = process.platform === "win32" ? "collapse-trainer.exe" : "collapse-trainer";
/** cpu-shared: the binding's libllama and libggml beside the installed trainer, which finds them through its rpath */
const LIB_DIR = join(BIN_DIR, "collapse-trainer.lib");

/** libllama and the libggml parts in the binding's build (not its llama-common or the addon); CMakeLists.txt globs the same. */
function sharedLibraries(dir: string): string[] {
  return readdirSync(dir).filter((f) => /^libggml.*\.so$/.test(f) || /^libllama\.(.+\.)?so$/.test(f));
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
  /** links the CPU binding's shared libllama/libggml instead of compiling llama.cpp (flavour cpu-shared) */
  shared: boolean;
};

export function planBuild(options: { baselines?: boolean } = {}): BuildPlan {
  const bundle = join(LLAMA_DIR, "gitRelease.bundle");
  if (!existsSync(bundle)) throw new NativeBuildError(`${bundle} is missing; run npm ci first`);
  const patches = [...nodeLlamaCppPatches(), ...ourPatches()];
  const cuda = hasCuda();
  const portable = process.env.COLLAPSE_PORTABLE === "1";
  // where the binding is built here with the trainer's flags, llama.cpp is compiled once, for both
  const shared = !cuda && !portable && process.platform === "linux" && inferenceBuildWanted();
  const flavour = shared ? "cpu-shared" : `${cuda ? "cuda" : "cpu"}${portable ? "-portable" : ""}`;
  const hash = createHash("sha256");
  hash.update(readFileSync(bundle));
  for (const f of [...patches, join(NATIVE, "CMakeLists.txt"), ...listFiles(join(NATIVE, "src"), () => true)])
    hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  hash.update(flavour);
  // cpu-shared links the binding that node-llama-cpp's CMake file builds
  if (shared) hash.update(readFileSync(join(LLAMA_DIR, "..", "package.json")));
  const key = hash.digest("hex").slice(0, 16);
  // one source tree per bundle; a changed patch set is re-applied in place (git reset --hard touches
  // only the files that differ, so the CMake build stays incremental)
  const srcDir = shared
    ? inferenceSourceDir()
    : join(NATIVE, ".cache", `llama.cpp-${createHash("sha256").update(readFileSync(bundle)).digest("hex").slice(0, 16)}`);
  const binary = join(BIN_DIR, EXE);
  return { key, flavour, bundle, patches, srcDir, buildDir: join(NATIVE, "build", flavour), binary, baselines: options.baselines ?? false, shared };
}

async function prepareSource(plan: BuildPlan, session: BuildSession): Promise<void> {
  if (plan.shared) return ensureInferenceSource(session);
  if (isPatched(plan.srcDir, plan.patches)) return;
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
  applyPatches(plan.srcDir, plan.patches, session, STEP);
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
  // cpu-shared: the trainer's own sources compile unseen beside the binding's line; its line starts once the binding is built and
  // covers what is left (configure, link), so it never stands at 100 % while it waits
  const estimateKey = plan.shared ? `${STEP} (link)` : STEP;
  const startPhase = () => session.progress.start(STEP, session.estimateS(estimateKey));
  let phase = plan.shared ? undefined : startPhase();
  await prepareSource(plan, session);
  const cuda = plan.flavour.startsWith("cuda");
  const portable = plan.flavour.endsWith("portable");
  const cmake = (args: string[]) => session.log.run(STEP, "cmake", args, { cwd: ROOT, onLine: (line) => phase?.line(line) });
  const libDir = join(inferenceBuildDir(), "Release");
  const configure = () =>
    cmake([
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
      `-DCOLLAPSE_LLAMA_LIB_DIR=${plan.shared ? libDir : ""}`,
    ]);
  const build = (targets: readonly string[]) => cmake(["--build", plan.buildDir, "--config", "Release", "-j", String(buildJobs()), "--target", ...targets]);
  const targets = ["collapse-trainer", ...(plan.baselines ? BASELINES : [])];
  await configure();
  if (plan.shared) {
    // the trainer's own sources compile while the binding's compilers run; linking waits for its libraries
    await build(["collapse-trainer-objects"]);
    if (!(await ensureInferenceBuilt({ session }))) throw new NativeBuildError("the trainer links the CPU binding's libraries, but its build is switched off");
    phase = startPhase();
    await configure(); // finds the libraries, now there
  }
  await build(targets);
  mkdirSync(BIN_DIR, { recursive: true });
  // the libraries first, then the trainer that loads them; each new file is renamed over the old: a trainer still running (a study) keeps
  // its own copies, where copying over them fails with ETXTBSY
  rmSync(`${LIB_DIR}.new`, { recursive: true, force: true });
  if (plan.shared) {
    mkdirSync(`${LIB_DIR}.new`);
    for (const lib of sharedLibraries(libDir)) copyFileSync(join(libDir, lib), join(`${LIB_DIR}.new`, lib));
  }
  rmSync(LIB_DIR, { recursive: true, force: true });
  if (plan.shared) renameSync(`${LIB_DIR}.new`, LIB_DIR);
  copyFileSync(join(plan.buildDir, EXE), `${plan.binary}.new`);
  chmodSync(`${plan.binary}.new`, 0o755);
  renameSync(`${plan.binary}.new`, plan.binary);
  writeFileSync(`${plan.binary}.stamp`, plan.key + "\n");
  session.log.note(STEP, `installed ${plan.binary}`);
  session.took(estimateKey, (phase ?? startPhase()).done());
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
