import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import type { BenchContext, BenchSuite } from "../BenchResult";
import { PeakRss } from "../PeakRss";
import { baselineBinary, bundledVocab, ensureTrainerBuilt, planBuild } from "../../native/scripts/build";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { openDatabase } from "../../electron/core/db/openDatabase";
import { importSynthetic } from "../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../electron/core/models/registerModel";
import { parseStudySpec } from "../../electron/shared/domain/study";
import { createStudy } from "../../electron/core/experiments/createStudy";
import { runStudy } from "../../electron/core/experiments/runStudy";
import { listJobs, type JobRow } from "../../electron/core/db/queries/jobs";
import { listSamplesOfJob } from "../../electron/core/db/queries/samples";
import { listMetricPoints } from "../../electron/core/db/queries/metricPoints";
import { tokenLengths } from "../../electron/core/generate/autoMaxTokens";
import { LlamaRuntime } from "../../electron/core/generate/LlamaRuntime";
import { studyInputs } from "../../electron/core/experiments/executors/studyInputs";
import type { EvaluateOutput, GenerateOutput, TrainOutput } from "../../electron/core/jobs/jobSchemas";
import type { StudySettings } from "../../electron/core/experiments/createStudy";
import { estimateStudyMemory } from "../../electron/shared/domain/memoryEstimate";
import { studyMemorySettings } from "../../electron/core/experiments/studyMemory";
import type { ModelInfo } from "../../electron/shared/domain/models";
import type { StudySpec } from "../../electron/shared/domain/study";

/** LLaMA-3.2-1B's shapes (its output matrix untied: 1.50B parameters, the 1.24B model's compute per token). */
const SHAPE = { n_embd: 2048, n_layer: 16, n_head: 32, n_head_kv: 8, n_ff: 8192, rope_freq_base: 500000, n_ctx_train: 131072, seed: 7 };
const LABEL = "LLaMA-3.2-1B-shaped model (random weights, 128k BPE vocab), Q4_K_M";
const THREADS = 2;
/** tokens per training window, the study's and stock llama-finetune's */
const CTX = 256;

/**
 * The study: one generation, 192 LoRA steps on real pairs (64 windows of 256 tokens × 3 epochs) and
 * 64 samples; --quick: 5 steps and 8 tokens (the dry run, and the estimate of the full run).
 */
function studySettings(quick: boolean) {
  return quick
    ? { trainRecords: 5, evalRecords: 4, epochs: 1, valFraction: 0, maxTokens: 8 as const }
    : { trainRecords: 64, evalRecords: 32, epochs: 3, valFraction: 0, maxTokens: "auto" as const };
}

/**
 * A LLaMA-3.2-1B-shaped model with random weights, made once (F16 by the trainer's `init`, then the
 * bundle's llama-quantize to Q4_K_M) and cached outside the repo, through the product's own study
 * engine (one generation: LoRA training, generation, held-out generation, evaluation, metrics),
 * beside llama.cpp's own tools on the same file: llama-batched-bench, llama-perplexity and stock
 * llama-finetune (full fine-tuning, on the F16 file).
 */
export const oneBSuite: BenchSuite = {
  name: "oneB",
  onlyWhenNamed: true,
  async run(ctx) {
    await ensureTrainerBuilt({ baselines: true, log: ctx.log });
    const { f16, q4 } = await ensureModel(ctx);
    const s = studySettings(ctx.quick);
    const dir = join(ctx.tmp, "oneB");
    mkdirSync(dir, { recursive: true });

    // the model's load through the product's generator (node-llama-cpp), the file in the page cache
    const { llama } = await LlamaRuntime.get();
    const t0 = performance.now();
    const loaded = await llama.loadModel({ modelPath: q4, gpuLayers: 0 });
    const loadSeconds = (performance.now() - t0) / 1000;
    await loaded.dispose();
    ctx.record({ name: `model load (node-llama-cpp, file in the page cache), ${LABEL}`, value: loadSeconds, unit: "s" });

    const db = openDatabase(join(dir, "ws.sqlite"));
    try {
      await importSynthetic(db, { records: 600, seed: 42, dir });
      const model = await registerModel(db, { path: q4, name: "llama3.2-1b-shape" });
      const spec = parseStudySpec({
        name: "1B shape",
        models: [model.name],
        designs: ["recursive"],
        generations: 1,
        seeds: [1],
        trainRecords: s.trainRecords,
        evalRecords: s.evalRecords,
        train: { rank: 16, alpha: 32, epochs: s.epochs, valFraction: s.valFraction, contextSize: CTX },
        generate: { maxTokens: s.maxTokens, sequences: 16, cutOutputs: "keep" },
        metrics: { bootstrap: 200 },
      });
      const { id, settings } = createStudy(db, { spec, source: "", versions: {} });
      const rss = new PeakRss().start();
      const t1 = performance.now();
      const state = await runStudy(db, id, {
        workspaceDir: dir,
        threads: THREADS,
        // every level: a job's failure reaches the log only as its "error" line
        onLog: (key, level, message) => ctx.log(`${key}: ${level === "info" ? "" : `${level}: `}${message}`),
      });
      const studySeconds = (performance.now() - t1) / 1000;
      const peak = rss.stop();
      if (state !== "done") throw new Error(`the 1B-shape study ended ${state}`);
      ctx.record({ name: `one-generation study (train, generate ×2, held-out generation, evaluate ×2, metrics), ${LABEL}`, value: studySeconds, unit: "s" });
      await recordJobs(ctx, db, id, settings, { f16, q4, dir, peak });
      recordMemoryEstimates(ctx, model.info, spec, peak);
    } finally {
      db.close();
    }
  },
};

function cacheDir(): string {
  return process.env.COLLAPSE_BENCH_CACHE ?? join(homedir(), ".cache", "collapse-lab", "bench");
}

/** The F16 and Q4_K_M files, made unless cached; keyed by the recipe and the bundle (its vocabulary and quantiser). */
async function ensureModel(ctx: BenchContext): Promise<{ f16: string; q4: string }> {
  const key = createHash("sha256")
    .update(JSON.stringify(SHAPE) + basename(planBuild().srcDir))
    .digest("hex")
    .slice(0, 12);
  const dir = join(cacheDir(), `llama3.2-1b-shape-${key}`);
  const f16 = join(dir, "F16.gguf");
  const q4 = join(dir, "Q4_K_M.gguf");
  if (existsSync(f16) && existsSync(q4)) {
    ctx.log(`model: ${dir} (cached)`);
    return { f16, q4 };
  }
  mkdirSync(dir, { recursive: true });
  ctx.log(`model: writing ${f16} (the trainer's init holds it in F32 first: about 6 GB of memory)`);
  const t0 = performance.now();
  if (!existsSync(f16))
    await TrainerProcess.run("init", { ...SHAPE, vocab: bundledVocab("llama-bpe"), out: f16, type: "f16", name: "LLaMA-3.2-1B shape, random" });
  ctx.record({ name: "making the 1B-shaped F16 model (trainer init: random F32, then F16)", value: (performance.now() - t0) / 1000, unit: "s" });
  const t1 = performance.now();
  const r = spawnSync(baselineBinary("llama-quantize"), [f16, `${q4}.part`, "Q4_K_M", String(THREADS)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`llama-quantize failed: ${(r.stdout + r.stderr).slice(-600)}`);
  renameSync(`${q4}.part`, q4);
  ctx.record({ name: `llama-quantize F16 → Q4_K_M, 1B shape, ${THREADS} threads`, value: (performance.now() - t1) / 1000, unit: "s" });
  ctx.record({ name: "1B-shaped Q4_K_M file size", value: statSync(q4).size / 2 ** 20, unit: "MiB" });
  return { f16, q4 };
}

type Files = { f16: string; q4: string; dir: string; peak: ReturnType<PeakRss["stop"]> };

async function recordJobs(ctx: BenchContext, db: ReturnType<typeof openDatabase>, id: number, settings: StudySettings, files: Files): Promise<void> {
  const jobs = listJobs(db, { experimentId: id });
  const out = <T>(j: JobRow) => JSON.parse(j.output_json!) as T;
  const seconds = (j: JobRow) => (Date.parse(j.finished_at!) - Date.parse(j.started_at!)) / 1000;
  const train = jobs.find((j) => j.kind === "train")!;
  const generate = jobs.find((j) => j.kind === "generate" && !j.key.startsWith("heldout-") && !j.key.endsWith("-again"))!;
  const evaluate = jobs.find((j) => j.kind === "evaluate" && j.key !== "evaluate-A0-base")!;
  const metrics = jobs.find((j) => j.kind === "metrics")!;
  const t = out<TrainOutput>(train);
  const g = out<GenerateOutput>(generate);
  const e = out<EvaluateOutput>(evaluate);

  const inputs = studyInputs(db, settings);
  const finetune = await stockFinetune(
    ctx,
    files,
    // two pairs, a few windows: enough for a rate; full fine-tuning of 1.5B weights holds about 21 GB
    inputs.train.slice(0, 2).map((r) => inputs.prompt(r, 0) + inputs.answer(r)),
  );
  ctx.record({
    name: `LoRA r16 training (attention + FFN), ctx ${CTX}, ${LABEL}, ${t.steps} steps, ${THREADS} threads, through the study engine`,
    value: t.tokensPerSecond,
    unit: "tokens/s",
    ...(finetune ? { baseline_name: `stock llama-finetune, full fine-tuning of the F16 file, ctx ${CTX}`, baseline_value: finetune } : {}),
  });
  ctx.record({ name: `LoRA r16 adapter size, ${LABEL}`, value: statSync(t.adapter).size / 2 ** 20, unit: "MiB" });

  const samples = listSamplesOfJob(db, { jobId: generate.id });
  const { prompts: lengths } = await tokenLengths(settings.models[0]!.path, { answers: [], prompts: samples.map((x) => x.prompt) });
  const pp = Math.round(lengths.reduce((a, b) => a + b, 0) / lengths.length);
  const tg = Math.max(1, Math.round(g.generatedTokens / g.samples));
  const batched = batchedBench(ctx, files.q4, t.adapter, pp, tg, Math.min(16, g.samples));
  ctx.record({
    name:
      `generation, ${g.samples} samples, ${Math.min(16, g.samples)} parallel sequences (the corpus's prompts, mean ${pp} tokens; ` +
      `${tg} tokens each on average), ${LABEL} with the adapter, after setup`,
    value: g.generatedTokens / (g.seconds - (g.setupSeconds ?? 0)),
    unit: "generated tokens/s",
    ...(batched
      ? {
          baseline_name: `llama-batched-bench --lora -npl ${Math.min(16, g.samples)} -npp ${pp} -ntg ${tg} -t ${THREADS}, generated tokens / (T_PP + T_TG)`,
          baseline_value: batched,
        }
      : {}),
    target: "≥ 0.9 × llama-batched-bench",
  });
  if (g.setupSeconds !== undefined) ctx.record({ name: `generation setup (model load, thread choice, contexts), ${LABEL}`, value: g.setupSeconds, unit: "s" });

  const text = join(files.dir, "heldout.txt");
  writeFileSync(text, inputs.test.map((r) => inputs.prompt(r, 0) + inputs.answer(r)).join("\n"));
  const perplexity = llamaPerplexity(ctx, files.q4, t.adapter, text);
  if (e.processedTokens !== undefined && e.seconds !== undefined) {
    ctx.record({
      name: `held-out evaluation, ${e.items} pairs (every token decoded, load excluded), ${LABEL} with the adapter, through the study engine`,
      value: e.processedTokens / e.seconds,
      unit: "tokens/s",
      ...(perplexity ? { baseline_name: `llama-perplexity --lora -c 256 -t ${THREADS}, prompt eval tokens/s`, baseline_value: perplexity } : {}),
    });
  }
  ctx.record({ name: `held-out evaluation job, ${e.items} pairs, model load included, ${LABEL}`, value: seconds(evaluate), unit: "s" });
  ctx.record({
    name: `metrics job (${listMetricPoints(db, { experimentId: id }).length} metric points, bootstrap 200), ${LABEL}`,
    value: seconds(metrics),
    unit: "s",
  });
  ctx.record({ name: `peak RSS of the study's process (generation runs in it), ${LABEL}`, value: files.peak.selfMiB, unit: "MiB" });
  for (const [name, mib] of files.peak.childrenMiB) ctx.record({ name: `peak RSS of ${name} (VmHWM) during the study, ${LABEL}`, value: mib, unit: "MiB" });
}

/**
 * The estimates a study is admitted by (docs/memory.md), beside what the study's processes held at
 * their peak: the trainer's VmHWM (its /proc name is cut to 15 characters), and this process's own
 * peak for generation, which runs in it.
 */
function recordMemoryEstimates(ctx: BenchContext, info: ModelInfo, spec: StudySpec, peak: Files["peak"]): void {
  const estimate = estimateStudyMemory(info, studyMemorySettings(spec));
  const trainer = [...peak.childrenMiB].find(([name]) => name.startsWith("collapse-train"))?.[1];
  const rows = [
    ["LoRA training", estimate.trainer.total, trainer, "the trainer's measured peak (VmHWM)"],
    ["generation", estimate.generation.total, peak.selfMiB, "the study process's measured peak (generation runs in it)"],
  ] as const;
  for (const [what, bytes, measured, baseline] of rows)
    ctx.record({
      name: `memory estimate, ${what} with the study's settings, ${LABEL}`,
      value: bytes / 2 ** 20,
      unit: "MiB",
      ...(measured ? { baseline_name: baseline, baseline_value: measured } : {}),
      target: "within 20 % of the measured peak",
    });
}

/** llama-batched-bench with the adapter, prompts and outputs as long as the study's: generated tokens over T_PP + T_TG, or null (logged). */
function batchedBench(ctx: BenchContext, model: string, adapter: string, pp: number, tg: number, pl: number): number | null {
  const r = spawnSync(
    baselineBinary("llama-batched-bench"),
    ["-m", model, "--lora", adapter, "-c", String(pl * (pp + tg) + 256), "-b", "2048", "-ub", "512"].concat([
      "-npp",
      String(pp),
      "-ntg",
      String(tg),
      "-npl",
      String(pl),
      "-t",
      String(THREADS),
      "--output-format",
      "jsonl",
    ]),
    { encoding: "utf8" },
  );
  const line = `${r.stdout}\n${r.stderr}`.split("\n").find((l) => l.includes('"speed_tg"'));
  if (!line) {
    ctx.log(`llama-batched-bench gave no result (exit ${r.status}, ${r.signal ?? "no signal"}): ${(r.stdout + r.stderr).slice(-600)}`);
    return null;
  }
  const row = JSON.parse(line.slice(line.indexOf("{"))) as { pl: number; tg: number; t: number };
  return (row.pl * row.tg) / row.t;
}

/** llama-perplexity's prompt-eval tokens/s on the held-out pairs as text (4 windows of 256 tokens), or null (logged). */
function llamaPerplexity(ctx: BenchContext, model: string, adapter: string, text: string): number | null {
  const r = spawnSync(
    baselineBinary("llama-perplexity"),
    ["-m", model, "--lora", adapter, "-f", text, "-c", "256", "-b", "256", "--chunks", "4", "-t", String(THREADS)],
    { encoding: "utf8" },
  );
  const output = `${r.stdout}\n${r.stderr}`;
  const m = /prompt eval time =\s*([\d.]+) ms \/\s*(\d+) tokens/.exec(output);
  if (m) return Number(m[2]) / (Number(m[1]) / 1000);
  // this bundle's llama-perplexity prints no perf line, only the time of a pass over one chunk of -c tokens
  const pass = /([\d.]+) seconds per pass/.exec(output);
  if (pass) return 256 / Number(pass[1]);
  ctx.log(`llama-perplexity gave no timing: ${r.stderr.slice(-400)}`);
  return null;
}

/**
 * Stock llama-finetune (full fine-tuning) on the F16 file at the study's ctx, one epoch over the study's
 * training pairs as text: tokens/s, or null (logged). Full fine-tuning keeps gradients and two AdamW
 * moments per weight; where the memory available is short of about 7 times the F16 file, it is not
 * started (it would push the machine into the OOM killer) and the log says so.
 */
async function stockFinetune(ctx: BenchContext, files: Files, texts: string[]): Promise<number | null> {
  if (process.env.COLLAPSE_BENCH_ONEB_FINETUNE === "0") {
    ctx.log("stock llama-finetune not run (COLLAPSE_BENCH_ONEB_FINETUNE=0): on 2 cores it takes about 26 s per 256-token window (190 s before patch 0011)");
    return null;
  }
  const need = statSync(files.f16).size * 7;
  const available = memAvailable();
  if (available < need) {
    ctx.log(`stock llama-finetune not run: full fine-tuning of the F16 file needs about ${gib(need)} GiB, ${gib(available)} GiB are available`);
    return null;
  }
  const text = join(files.dir, "finetune.txt");
  writeFileSync(text, texts.join("\n"));
  const t0 = performance.now();
  const r = spawnSync(
    baselineBinary("llama-finetune"),
    ["-m", files.f16, "-f", text, "-c", `${CTX}`, "-b", `${CTX}`, "-ub", `${CTX}`, "-t", String(THREADS), "--epochs", "1", "-o", join(files.dir, "ft.gguf")],
    { encoding: "utf8" },
  );
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    ctx.log(`stock llama-finetune failed (exit ${r.status}): ${r.stderr.slice(-400)}`);
    return null;
  }
  // llama-finetune cuts the text into windows of -c tokens at a stride of half that (common_opt_dataset_init), as in the trainer suite
  const {
    prompts: [n],
  } = await tokenLengths(files.q4, { answers: [], prompts: [texts.join("\n")] });
  return (Math.floor((n! - CTX - 1) / (CTX / 2)) * CTX) / seconds;
}

function memAvailable(): number {
  const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync("/proc/meminfo", "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

function gib(bytes: number): string {
  return (bytes / 2 ** 30).toFixed(1);
}
