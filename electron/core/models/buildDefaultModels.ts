import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { TrainerProcess } from "../train/TrainerProcess";
import type { TrainerProgress } from "../train/trainerConfig";
import { TINY_RECIPES, type TinyRecipe } from "./tinyRecipes";

export type DefaultModelProgress = { model: string; stage: "init" | "pretrain" | "cached"; progress?: TrainerProgress };

/**
 * Creates and pretrains the tiny default models on the given texts, cached: a model whose recipe
 * and corpus are unchanged (same stamp) is not rebuilt. Returns the model files.
 */
export async function buildDefaultModels(options: {
  dir: string;
  texts: (recipe: TinyRecipe) => string[];
  vocabPath: (name: TinyRecipe["vocab"]) => string;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: DefaultModelProgress) => void;
}): Promise<{ name: string; path: string; pretrain: { train_loss: number; val_loss: number | null; seconds: number; tokens_per_s: number } | null }[]> {
  mkdirSync(options.dir, { recursive: true });
  const out = [];
  for (const recipe of TINY_RECIPES) {
    const texts = options.texts(recipe);
    const stampValue = createHash("sha256").update(JSON.stringify(recipe)).update(texts.join("\u0000")).digest("hex");
    const path = join(options.dir, `${recipe.name}.gguf`);
    const stamp = `${path}.stamp`;
    if (existsSync(path) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === stampValue) {
      options.onProgress?.({ model: recipe.name, stage: "cached" });
      out.push({ name: recipe.name, path, pretrain: null });
      continue;
    }
    const base = join(options.dir, `${recipe.name}.init.gguf`);
    const corpus = join(options.dir, `${recipe.name}.corpus.jsonl`);
    options.onProgress?.({ model: recipe.name, stage: "init" });
    await TrainerProcess.run("init", { ...recipe.init, vocab: options.vocabPath(recipe.vocab), out: base }, { ...(options.signal ? { signal: options.signal } : {}) });
    writeFileSync(corpus, texts.map((text) => JSON.stringify({ text })).join("\n") + "\n");
    const r = await TrainerProcess.run(
      "pretrain",
      { model: base, train: corpus, out: path, ctx: recipe.pretrain.ctx, epochs: recipe.pretrain.epochs, lr: recipe.pretrain.lr, seed: recipe.init.seed ?? 42, val_fraction: 0.05 },
      {
        ...(options.threads ? { threads: options.threads } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        onProgress: (p) => options.onProgress?.({ model: recipe.name, stage: "pretrain", progress: p }),
      },
    );
    rmSync(base, { force: true });
    rmSync(corpus, { force: true });
    writeFileSync(stamp, stampValue + "\n");
    out.push({ name: recipe.name, path, pretrain: { train_loss: r.train_loss, val_loss: r.val_loss, seconds: r.seconds, tokens_per_s: r.tokens_per_s } });
  }
  return out;
}
