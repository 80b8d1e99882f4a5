import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { TrainerProcess } from "../train/TrainerProcess";
import type { TrainerProgress } from "../train/trainerConfig";
import { LlamaRuntime } from "../generate/LlamaRuntime";
import { fitVocabulary, type FittedVocabulary } from "./vocab/fitVocabulary";
import { TINY_RECIPES, type TinyRecipe } from "./tinyRecipes";

export type DefaultModelProgress = {
  model: string;
  stage: "vocabulary" | "init" | "pretrain" | "cached";
  progress?: TrainerProgress;
  /** seconds left for the whole build (the slowest of the pretrainings running side by side), once each has a rate */
  etaSeconds?: number | null;
};

export type BuiltDefaultModel = {
  name: string;
  path: string;
  vocabulary: FittedVocabulary | null;
  pretrain: { train_loss: number; val_loss: number | null; seconds: number; tokens_per_s: number; tokens: number } | null;
};

/** The token ids a vocabulary gives the texts, as the trainer tokenises them (and prompts alone, as generation does). */
async function usedTokens(vocabPath: string, texts: string[], signal?: AbortSignal): Promise<Set<number>> {
  const { llama } = await LlamaRuntime.get();
  const model = await llama.loadModel({ modelPath: vocabPath, vocabOnly: true, gpuLayers: 0 });
  try {
    const used = new Set<number>();
    for (const text of texts) {
      signal?.throwIfAborted();
      const answerAt = text.lastIndexOf("\nЗаключение:") + "\nЗаключение:".length;
      for (const part of [text, text.slice(0, answerAt), text.slice(answerAt)]) {
        const ids = model.tokenize(part, false);
        for (const t of ids) used.add(t as number);
      }
    }
    return used;
  } finally {
    await model.dispose();
  }
}

/**
 * Creates and pretrains the tiny default models, cached: a model whose recipe, corpus and source
 * vocabulary are unchanged (same stamp) is not rebuilt. For each model: the real tokenizer's
 * vocabulary cut to the tokens the corpus uses (fitVocabulary), `init` on it, `pretrain` on the
 * corpus; the models pretrain side by side. Progress carries the time left for the whole build.
 */
export async function buildDefaultModels(options: {
  dir: string;
  texts: (recipe: TinyRecipe) => string[];
  vocabPath: (name: TinyRecipe["vocab"]) => string;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (p: DefaultModelProgress) => void;
}): Promise<BuiltDefaultModel[]> {
  mkdirSync(options.dir, { recursive: true });
  const plans = TINY_RECIPES.map((recipe) => {
    const texts = options.texts(recipe);
    const source = options.vocabPath(recipe.vocab);
    const stampValue = createHash("sha256").update(JSON.stringify(recipe)).update(texts.join("\u0000")).update(readFileSync(source)).digest("hex");
    const path = join(options.dir, `${recipe.name}.gguf`);
    const stamp = `${path}.stamp`;
    const cached = existsSync(path) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === stampValue;
    return { recipe, texts, source, stampValue, path, stamp, cached };
  });
  const vocabularies = new Map<string, { fitted: FittedVocabulary; path: string }>();
  for (const plan of plans) {
    if (plan.cached) continue;
    options.onProgress?.({ model: plan.recipe.name, stage: "vocabulary" });
    const used = await usedTokens(plan.source, plan.texts, options.signal);
    const path = join(options.dir, `${plan.recipe.name}.vocab.gguf`);
    const fitted = fitVocabulary(plan.source, used, path);
    vocabularies.set(plan.recipe.name, { fitted, path });
  }
  // the models pretrain side by side, one trainer thread each by default: on a busy machine two
  // single-threaded trainers lose far less to each other than one two-threaded trainer loses to
  // its own threads' waits (measured: 245 against 70 tokens/s under a load of 15 on 2 cores)
  const threads = options.threads ?? Math.max(1, Math.floor(availableParallelism() / plans.filter((p) => !p.cached).length));
  const eta = new Map<string, number | null>();
  const built = await Promise.all(
    plans.map(async (plan): Promise<BuiltDefaultModel> => {
      const { recipe, path } = plan;
      if (plan.cached) {
        options.onProgress?.({ model: recipe.name, stage: "cached" });
        return { name: recipe.name, path, vocabulary: null, pretrain: null };
      }
      const vocab = vocabularies.get(recipe.name)!;
      const base = join(options.dir, `${recipe.name}.init.gguf`);
      const corpus = join(options.dir, `${recipe.name}.corpus.jsonl`);
      options.onProgress?.({ model: recipe.name, stage: "init" });
      await TrainerProcess.run("init", { ...recipe.init, vocab: vocab.path, out: base }, { ...(options.signal ? { signal: options.signal } : {}) });
      writeFileSync(corpus, plan.texts.map((text) => JSON.stringify({ text })).join("\n") + "\n");
      const r = await TrainerProcess.run(
        "pretrain",
        {
          model: base,
          train: corpus,
          out: path,
          ctx: recipe.pretrain.ctx,
          epochs: recipe.pretrain.epochs,
          lr: recipe.pretrain.lr,
          seed: recipe.init.seed ?? 42,
          val_fraction: 0.02,
        },
        {
          threads,
          ...(options.signal ? { signal: options.signal } : {}),
          onProgress: (p) => {
            if (p.phase === "train") eta.set(recipe.name, p.eta_s);
            const left = [...eta.values()];
            const etaSeconds = left.length === plans.filter((x) => !x.cached).length && left.every((x) => x !== null) ? Math.max(...(left as number[])) : null;
            options.onProgress?.({ model: recipe.name, stage: "pretrain", progress: p, etaSeconds });
          },
        },
      );
      eta.set(recipe.name, 0);
      rmSync(base, { force: true });
      rmSync(corpus, { force: true });
      rmSync(vocab.path, { force: true });
      writeFileSync(plan.stamp, plan.stampValue + "\n");
      return {
        name: recipe.name,
        path,
        vocabulary: vocab.fitted,
        pretrain: { train_loss: r.train_loss, val_loss: r.val_loss, seconds: r.seconds, tokens_per_s: r.tokens_per_s, tokens: r.tokens },
      };
    }),
  );
  return built;
}
