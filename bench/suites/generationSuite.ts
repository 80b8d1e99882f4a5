import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { baselineBinary, bundledVocab, ensureTrainerBuilt } from "../../native/scripts/build";
import { ensureInferenceBuilt } from "../../native/scripts/buildInference";
import type { LlamaModel } from "node-llama-cpp";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { generateCorpus } from "../../electron/core/data/synth";
import { DEFAULT_TEMPLATES, renderPrompt } from "../../electron/core/experiments/promptTemplate";
import { generateSamples } from "../../electron/core/generate/generateSamples";
import { promptTokens } from "../../electron/core/generate/promptTokens";
import { describeBuild, LlamaRuntime, type Backend } from "../../electron/core/generate/LlamaRuntime";
import { GenerateSettingsSchema } from "../../electron/shared/domain/study";

// Mistral's 32k vocabulary; a small model, where per-token bookkeeping shows, and a 125M Q8_0 one,
// where decoding dominates as in the models users bring
const MODELS = [
  {
    label: "20M-param f32 model",
    recipe: { n_embd: 256, n_layer: 4, n_head: 8, n_head_kv: 2, n_ff: 768, n_ctx_train: 1024, seed: 5, type: "f32" as const },
    parallel: [4, 16],
    rounds: 8,
  },
  {
    label: "125M-param q8_0 model",
    recipe: { n_embd: 768, n_layer: 12, n_head: 12, n_head_kv: 4, n_ff: 2048, n_ctx_train: 1024, seed: 5, type: "q8_0" as const },
    parallel: [4],
    rounds: 2,
  },
];
const TG = 64;
// what a study samples with unless told otherwise (llama-batched-bench does not sample at all)
const { temperature, topP, topK } = GenerateSettingsSchema.parse({});
const THREAD_CHOICES = [1, 2];

// the target's comparison gives the product prompts as even as llama-batched-bench's; a study's own
// prompts vary in length, and a decode attends over the longest sequence's cache (llama.cpp pads
// every sequence's KV view to the longest), so the corpus's prompts are measured beside them
const RUNS = [
  { batching: "shared", prompts: "even" },
  { batching: "lanes", prompts: "even" },
  { batching: "shared", prompts: "corpus" },
] as const;

type Row = { pp: number; tg: number; pl: number; t: number; t_pp: number; speed_tg: number; speed: number };
// this machine's speed drifts by a third from minute to minute: each side is run this many times,
// alternating, and its best run is kept
const REPEATS = 5;

/**
 * Generated tokens/s through the product (node-llama-cpp, parallel sequences) next to llama.cpp's
 * llama-batched-bench from the same bundle: same model, same number of parallel sequences, prompt
 * length and generated tokens. Both rates count prompt processing and generation and leave out
 * loading: llama-batched-bench's is generated tokens over T_PP + T_TG of its best thread count
 * (of 1 and 2), the product's is generated tokens over its time after setup (model load, thread
 * choice by measurement, contexts; GenerateSamplesResult.setupSeconds), with the sampling,
 * detokenising and stop checks a study does. The product's rate from the call on is recorded too,
 * and its rate on the corpus's own prompts, whose lengths vary (RUNS).
 * llama-batched-bench does not sample; llama.cpp's llama-batched, which does with the same sampler
 * settings, gives a second baseline and llama.cpp's own cost of sampling.
 */
export const generationSuite: BenchSuite = {
  name: "generation",
  async run(ctx) {
    await ensureTrainerBuilt({ baselines: true, log: ctx.log });
    if (!(await ensureInferenceBuilt({ log: ctx.log }))) ctx.log("COLLAPSE_INFERENCE_BUILD=0: the product runs on node-llama-cpp's prebuilt CPU binary");
    const dir = join(ctx.tmp, "generation");
    mkdirSync(dir, { recursive: true });
    for (const m of MODELS) {
      const model = join(dir, `${m.recipe.n_embd}.gguf`);
      await TrainerProcess.run("init", { ...m.recipe, vocab: bundledVocab("llama-spm"), out: model });
      const { llama } = await LlamaRuntime.get();
      const loaded = await llama.loadModel({ modelPath: model, gpuLayers: 0 });
      const corpus = generateCorpus({ records: 128, seed: 9 }).map((r, i) => ({ id: i, prompt: renderPrompt(DEFAULT_TEMPLATES.conclusion, r) }));
      const lengths = corpus.map((p) => promptTokens(loaded, p.prompt).length);
      const pp = Math.round(lengths.reduce((n, l) => n + l, 0) / lengths.length);
      // llama-batched-bench's prompts are all pp tokens long; the product gets corpus prompts cut to the same length
      const even = promptsOfLength(loaded, pp, Math.max(...m.parallel) * m.rounds);

      // llama-batched decodes one prompt for every sequence: the corpus prompt nearest the mean length
      const prompt = corpus.map((p, i) => ({ text: p.prompt, gap: Math.abs(lengths[i]! - pp) })).sort((a, b) => a.gap - b.gap)[0]!.text;
      await loaded.dispose();

      for (const pl of ctx.quick ? m.parallel.slice(0, 1) : m.parallel) {
        let baseline = 0;
        let withoutFlash = 0;
        let plain: Row | null = null;
        let plainTg = 0;
        let sampled = 0;
        const best = new Map<(typeof RUNS)[number], { rate: number; overall: number; threads: number | null; build: Backend["build"] }>();
        for (let rep = 0; rep < (ctx.quick ? 1 : REPEATS); rep++) {
          for (const t of THREAD_CHOICES) {
            const row = plainDecoding(model, pp, pl, t, "auto", ctx.log);
            const off = plainDecoding(model, pp, pl, t, "off", ctx.log);
            if (off) withoutFlash = Math.max(withoutFlash, (off.pl * off.tg) / off.t);
            if (row && (row.pl * row.tg) / row.t > baseline) {
              baseline = (row.pl * row.tg) / row.t;
              plain = row;
            }
            if (row) plainTg = Math.max(plainTg, row.speed_tg);
            sampled = Math.max(sampled, sampledDecoding(model, prompt, pp, pl, t, ctx.log) ?? 0);
          }
          for (const run of RUNS) {
            // several rounds of prompts, as in a study
            const prompts = (run.prompts === "even" ? even : corpus).slice(0, pl * m.rounds);
            const longest = run.prompts === "even" ? pp : Math.max(...lengths.slice(0, prompts.length));
            const res = await generateSamples({
              modelPath: model,
              prompts,
              seed: 1,
              temperature,
              topP,
              topK,
              maxTokens: TG,
              stop: [],
              sequences: pl,
              batching: run.batching,
              contextSize: longest + TG + 64,
            });
            const rate = res.generatedTokens / (res.seconds - res.setupSeconds);
            const previous = best.get(run);
            if (!previous || rate > previous.rate) best.set(run, { rate, overall: res.tokensPerSecond, threads: res.threads, build: res.backend.build });
          }
        }
        for (const [run, b] of best) {
          const build = `top-k ${topK}, CPU ${describeBuild(b.build)}, ${b.threads} thread(s) by measurement`;
          if (run.prompts === "corpus") {
            const shown = lengths.slice(0, pl * m.rounds);
            ctx.record({
              name:
                `generation, ${m.label}, ${pl} parallel sequences (${run.batching}), ` +
                `the corpus's own prompts (${Math.min(...shown)}–${Math.max(...shown)} tokens, mean ${pp}), ${TG} tokens each, ${build}, after setup`,
              value: b.rate,
              unit: "generated tokens/s",
              ...(baseline
                ? {
                    baseline_name:
                      `llama-batched-bench -npl ${pl} -npp ${pp} -ntg ${TG} (every prompt ${pp} tokens), ` + `best of -t 1/2, generated tokens / (T_PP + T_TG)`,
                    baseline_value: baseline,
                  }
                : {}),
            });
            continue;
          }
          const label = `generation, ${m.label}, ${pl} parallel sequences (${run.batching}), ${pp}-token prompts, ${TG} tokens each, ${build}`;
          ctx.record({
            name: `${label}, after setup`,
            value: b.rate,
            unit: "generated tokens/s",
            ...(baseline
              ? {
                  baseline_name: `llama-batched-bench -npl ${pl} -npp ${pp} -ntg ${TG}, best of -t 1/2, generated tokens / (T_PP + T_TG)`,
                  baseline_value: baseline,
                }
              : {}),
            target: "≥ 0.9 × llama-batched-bench",
          });
          ctx.record({ name: `${label}, from the call (model load and thread choice included)`, value: b.overall, unit: "generated tokens/s" });
          if (withoutFlash) {
            // generation contexts run without flash attention (openSlots): llama.cpp's own speed in that configuration
            ctx.record({
              name: `${label}, after setup, beside llama.cpp without flash attention`,
              value: b.rate,
              unit: "generated tokens/s",
              baseline_name: `llama-batched-bench -fa off -npl ${pl} -npp ${pp} -ntg ${TG}, best of -t 1/2`,
              baseline_value: withoutFlash,
            });
          }
          if (plain && sampled) {
            // llama.cpp's prompt processing plus its own sampled decoding: what llama.cpp itself reaches once it samples
            const withSampling = (pl * TG) / (plain.t_pp + (pl * TG) / sampled);
            ctx.record({
              name: `${label}, after setup, beside llama.cpp that samples`,
              value: b.rate,
              unit: "generated tokens/s",
              baseline_name: `llama-batched-bench's T_PP + llama-batched's sampled decoding (-np ${pl}, same sampler settings), best of -t 1/2`,
              baseline_value: withSampling,
            });
          }
        }
        if (plain && sampled) {
          ctx.record({
            name:
              `llama.cpp's own sampling cost, ${m.label}, ${pl} parallel sequences: ` +
              `llama-batched's decoding with top-k ${topK}, top-p ${topP}, temperature ${temperature} (one shared ${pp}-token prompt, unified KV cache)`,
            value: sampled,
            unit: "generated tokens/s",
            baseline_name: `llama-batched-bench S_TG (no sampling), best of -t 1/2`,
            baseline_value: plainTg,
          });
        }
      }
    }
  },
};

/** llama-batched-bench at `t` threads, flash attention as llama.cpp chooses or off: its JSON row, or null (logged) when it gave none. */
function plainDecoding(model: string, pp: number, pl: number, t: number, flash: "auto" | "off", log: (m: string) => void): Row | null {
  const r = spawnSync(
    baselineBinary("llama-batched-bench"),
    [
      "-m",
      model,
      "-c",
      String(pl * (pp + TG) + 256),
      "-b",
      "2048",
      "-ub",
      "512",
      "-npp",
      String(pp),
      "-ntg",
      String(TG),
      "-npl",
      String(pl),
      "-t",
      String(t),
      "-fa",
      flash,
      "--output-format",
      "jsonl",
    ],
    { encoding: "utf8" },
  );
  const line = `${r.stdout}\n${r.stderr}`.split("\n").find((l) => l.includes('"speed_tg"'));
  if (!line) log(`llama-batched-bench -t ${t} -fa ${flash} gave no result: ${r.stderr.slice(-300)}`);
  return line ? (JSON.parse(line.slice(line.indexOf("{"))) as Row) : null;
}

/** llama-batched's sampled decoding at `t` threads in tokens/s (prompt excluded), or null (logged). */
function sampledDecoding(model: string, prompt: string, pp: number, pl: number, t: number, log: (m: string) => void): number | null {
  // -n is the length of each sequence, prompt included
  const r = spawnSync(
    baselineBinary("llama-batched"),
    [
      "-m",
      model,
      "-p",
      prompt,
      "-n",
      String(pp + TG),
      "-np",
      String(pl),
      "-kvu",
      "-t",
      String(t),
      "--top-k",
      String(topK),
      "--top-p",
      String(topP),
      "--temp",
      String(temperature),
      "-s",
      "1",
    ],
    { encoding: "utf8" },
  );
  const speed = /decoded \d+ tokens in [\d.]+ s, speed: ([\d.]+) t\/s/.exec(`${r.stdout}\n${r.stderr}`);
  if (!speed) log(`llama-batched -t ${t} gave no result: ${r.stderr.slice(-300)}`);
  return speed ? Number(speed[1]) : null;
}

/**
 * `count` corpus prompts of exactly `length` tokens: each one's description cut short, its last
 * line (where the answer begins) kept. Prompts already shorter are passed over.
 */
function promptsOfLength(model: LlamaModel, length: number, count: number): { id: number; prompt: string }[] {
  const out: { id: number; prompt: string }[] = [];
  const fits = (text: string) => promptTokens(model, text).length;
  for (const record of generateCorpus({ records: count * 20, seed: 11 })) {
    const full = renderPrompt(DEFAULT_TEMPLATES.conclusion, record);
    const head = full.slice(0, full.lastIndexOf("\n"));
    const tail = full.slice(head.length);
    // the longest start of the description that keeps the prompt within `length` tokens
    let lo = 0;
    let hi = head.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fits(head.slice(0, mid) + tail) <= length) lo = mid;
      else hi = mid - 1;
    }
    const prompt = head.slice(0, lo) + tail;
    if (fits(prompt) === length) out.push({ id: out.length, prompt });
    if (out.length === count) return out;
  }
  throw new Error(`bench: fewer than ${count} corpus prompts reach ${length} tokens`);
}
