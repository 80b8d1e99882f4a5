/**
 * Builds the native trainer from the llama.cpp that node-llama-cpp ships, with node-llama-cpp's
 * own patches and ours applied, and caches the result (`npm run build:native`, buildNative.ts).
 *
 *   key = sha256(bundle, every patch, native/CMakeLists.txt, native/src/**, build flavour)
 *   native/.cache/llama.cpp-<key>/   the patched source tree (git clone of the bundle)
 *   native/build/<flavour>/          the CMake build (incremental)
 *   resources/bin/collapse-trainer   the installed binary, with a .stamp holding the key
 *
 * A patch that no longer applies stops the build with a message naming it.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { NativeBuildError } from "./NativeBuildError";

const NATIVE = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(NATIVE, "..");
const LLAMA_DIR = join(ROOT, "node_modules", "node-llama-cpp", "llama");
const BIN_DIR = join(ROOT, "resources", "bin");
const EXE = process.platform === "win32" ? "collapse-trainer.exe" : "collapse-trainer";

export { NativeBuildError };

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
const BASELINES = ["llama-finetune", "llama-batched-bench", "llama-batched"] as const;
export type Baseline = (typeof BASELINES)[number];

export type BuildPlan = { key: string; flavour: string; bundle: string; patches: string[]; srcDir: string; buildDir: string; binary: string; baselines: boolean };

export function planBuild(options: { baselines?: boolean } = {}): BuildPlan {
  const bundle = join(LLAMA_DIR, "gitRelease.bundle");
  if (!existsSync(bundle)) throw new NativeBuildError(`${bundle} is missing; run npm ci first`);
  const patches = [...listFiles(join(LLAMA_DIR, "patches"), (f) => f.endsWith(".diff")), ...listFiles(join(NATIVE, "patches"), (f) => f.endsWith(".patch"))];
  const flavour = `${hasCuda() ? "cuda" : "cpu"}${process.env.COLLAPSE_PORTABLE === "1" ? "-portable" : ""}`;
  const hash = createHash("sha256");
  hash.update(readFileSync(bundle));
  for (const f of [...patches, join(NATIVE, "CMakeLists.txt"), ...listFiles(join(NATIVE, "src"), () => true)]) hash.update(f.slice(ROOT.length)).update(readFileSync(f));
  hash.update(flavour);
  const key = hash.digest("hex").slice(0, 16);
  // one source tree per bundle; a changed patch set is re-applied in place (git reset --hard touches
  // only the files that differ, so the CMake build stays incremental)
  const srcDir = join(NATIVE, ".cache", `llama.cpp-${createHash("sha256").update(readFileSync(bundle)).digest("hex").slice(0, 16)}`);
  return { key, flavour, bundle, patches, srcDir, buildDir: join(NATIVE, "build", flavour), binary: join(BIN_DIR, EXE), baselines: options.baselines ?? false };
}

function run(cmd: string, args: string[], cwd: string, log: (s: string) => void): void {
  log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new NativeBuildError(`${cmd} ${args[0]} failed with exit code ${r.status}`);
}

function patchSetId(plan: BuildPlan): string {
  const h = createHash("sha256");
  for (const p of plan.patches) h.update(p.slice(ROOT.length)).update(readFileSync(p));
  return h.digest("hex");
}

function prepareSource(plan: BuildPlan, log: (s: string) => void): void {
  const marker = join(plan.srcDir, ".collapse-patched");
  const wanted = patchSetId(plan);
  if (existsSync(marker) && readFileSync(marker, "utf8").trim() === wanted) return;
  if (existsSync(join(plan.srcDir, ".git"))) {
    const root = execFileSync("git", ["rev-list", "--max-parents=0", "HEAD"], { cwd: plan.srcDir, encoding: "utf8" }).trim().split("\n")[0]!;
    run("git", ["reset", "--quiet", "--hard", root], plan.srcDir, log);
    run("git", ["clean", "-q", "-fd"], plan.srcDir, log);
  } else {
    rmSync(plan.srcDir, { recursive: true, force: true });
    mkdirSync(dirname(plan.srcDir), { recursive: true });
    run("git", ["clone", "--quiet", plan.bundle, plan.srcDir], ROOT, log);
  }
  for (const patch of plan.patches) {
    const check = spawnSync("git", ["apply", "--check", patch], { cwd: plan.srcDir, encoding: "utf8" });
    if (check.status !== 0) {
      throw new NativeBuildError(`patch ${patch.slice(ROOT.length + 1)} no longer applies to the llama.cpp in node-llama-cpp's bundle:\n${check.stderr.trim()}`);
    }
    execFileSync("git", ["apply", patch], { cwd: plan.srcDir });
    log(`applied ${patch.slice(ROOT.length + 1)}`);
  }
  writeFileSync(marker, wanted + "\n");
}

/** Returns the trainer binary, building it first if the cached one does not match the sources. */
export async function ensureTrainerBuilt(options: { baselines?: boolean; log?: (s: string) => void } = {}): Promise<string> {
  const log = options.log ?? ((s: string) => process.stderr.write(s + "\n"));
  const plan = planBuild(options);
  const stamp = `${plan.binary}.stamp`;
  const baselinesReady = !plan.baselines || BASELINES.every((b) => existsSync(join(plan.buildDir, b)));
  if (existsSync(plan.binary) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === plan.key && baselinesReady) return plan.binary;
  log(`building the native trainer (${plan.flavour}); the first build takes a few minutes`);
  prepareSource(plan, log);
  const cuda = plan.flavour.startsWith("cuda");
  const portable = plan.flavour.endsWith("portable");
  run("cmake", [
    "-S", NATIVE, "-B", plan.buildDir,
    `-DLLAMA_CPP_DIR=${plan.srcDir}`,
    "-DCMAKE_BUILD_TYPE=Release",
    `-DGGML_NATIVE=${portable ? "OFF" : "ON"}`,
    ...(portable ? ["-DGGML_AVX2=ON", "-DGGML_FMA=ON", "-DGGML_F16C=ON"] : []),
    `-DGGML_CUDA=${cuda ? "ON" : "OFF"}`,
    `-DCOLLAPSE_BUILD_BASELINES=${plan.baselines ? "ON" : "OFF"}`,
  ], ROOT, log);
  const targets = ["collapse-trainer", ...(plan.baselines ? BASELINES : [])];
  run("cmake", ["--build", plan.buildDir, "--config", "Release", "-j", String(Math.max(1, Number(process.env.COLLAPSE_BUILD_JOBS ?? 2))), "--target", ...targets], ROOT, log);
  mkdirSync(BIN_DIR, { recursive: true });
  copyFileSync(join(plan.buildDir, EXE), plan.binary);
  chmodSync(plan.binary, 0o755);
  writeFileSync(stamp, plan.key + "\n");
  log(`installed ${plan.binary}`);
  return plan.binary;
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
