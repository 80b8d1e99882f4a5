import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { getLlama } from "node-llama-cpp";
import { join } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { baselineBinary, bundledVocab, ensureTrainerBuilt } from "../../native/scripts/build";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { generateCorpus } from "../../electron/core/data/synth";
import { DEFAULT_TEMPLATES, toTrainingPair } from "../../electron/core/experiments/promptTemplate";

const RECIPE = { n_embd: 64, n_layer: 2, n_head: 4, n_head_kv: 1, n_ff: 224, n_ctx_train: 512, seed: 7 };

/**
 * LoRA and pretraining tokens/s, next to stock llama-finetune's full fine-tuning of the same model
 * on the same text. Building the default models is the defaultModels suite's.
 */
export const trainerSuite: BenchSuite = {
  name: "trainer",
  async run(ctx) {
    await ensureTrainerBuilt({ baselines: true, log: ctx.log });
    const dir = join(ctx.tmp, "trainer");
    mkdirSync(dir, { recursive: true });
    const corpus = generateCorpus({ records: ctx.quick ? 40 : 120, seed: 3 });
    const pairs = join(dir, "pairs.jsonl");
    writeFileSync(pairs, corpus.map((r) => JSON.stringify(toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", r))).join("\n") + "\n");
    const text = join(dir, "text.txt");
    writeFileSync(text, corpus.map((r) => `Описание: ${r.description}\nЗаключение: ${r.conclusion}`).join("\n"));

    const f32 = join(dir, "base-f32.gguf");
    await TrainerProcess.run("init", { ...RECIPE, vocab: bundledVocab("llama-spm"), out: f32 });
    // stock llama-finetune: full fine-tuning, one epoch over the same text, windows of 256 tokens
    const t0 = performance.now();
    const r = spawnSync(
      baselineBinary("llama-finetune"),
      ["-m", f32, "-f", text, "-c", "256", "-b", "256", "-ub", "256", "-t", "2", "--epochs", "1", "-o", join(dir, "ft.gguf")],
      { encoding: "utf8" },
    );
    const seconds = (performance.now() - t0) / 1000;
    // llama-finetune cuts the text into windows of 256 tokens at a stride of 128 (common_opt_dataset_init)
    const llama = await getLlama({ gpu: false });
    const model = await llama.loadModel({ modelPath: f32 });
    const nTokens = model.tokenize(readFileSync(text, "utf8"), true).length;
    await model.dispose();
    const windows = Math.floor((nTokens - 256 - 1) / 128);
    const baseline = (windows * 256) / seconds;
    if (r.status !== 0) ctx.log(`llama-finetune failed: ${r.stderr.slice(-400)}`);

    // pretraining is full training on every position, like llama-finetune: the like-for-like row
    const texts = join(dir, "texts.jsonl");
    writeFileSync(texts, corpus.map((r) => JSON.stringify({ text: `Описание: ${r.description}\nЗаключение: ${r.conclusion}` })).join("\n") + "\n");
    const pre = await TrainerProcess.run(
      "pretrain",
      { model: f32, train: texts, out: join(dir, "pre.gguf"), ctx: 256, epochs: 1, val_fraction: 0 },
      { threads: 2 },
    );
    ctx.record({
      name: "pretraining (full training), tiny model (4.2M params, 32k vocab), f32",
      value: pre.tokens_per_s,
      unit: "tokens/s",
      ...(Number.isFinite(baseline) ? { baseline_name: "llama-finetune full fine-tuning, same model, f32", baseline_value: baseline } : {}),
      target: "≥ 1.0 × llama-finetune",
    });

    for (const type of ["f32", "f16", "q8_0", "q4_0"] as const) {
      const base = type === "f32" ? f32 : join(dir, `base-${type}.gguf`);
      if (type !== "f32") await TrainerProcess.run("init", { ...RECIPE, vocab: bundledVocab("llama-spm"), out: base, type });
      const res = await TrainerProcess.run(
        "lora",
        { base, train: pairs, val_fraction: 0, out: join(dir, `a-${type}.gguf`), rank: 8, epochs: 1, ctx: 256, seed: 1 },
        { threads: 2 },
      );
      ctx.record({
        name: `LoRA r8 training, tiny model (4.2M params, 32k vocab), ${type} base`,
        value: res.tokens_per_s,
        unit: "tokens/s",
        ...(Number.isFinite(baseline) ? { baseline_name: "llama-finetune full fine-tuning, same model, f32", baseline_value: baseline } : {}),
        target: "≥ 1.0 × llama-finetune",
      });
    }
  },
};
