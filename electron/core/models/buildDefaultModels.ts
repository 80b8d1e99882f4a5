import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { TrainerProcess } from "../train/TrainerProcess";
import type { TrainerProgress } from "../train/trainerConfig";
import { LlamaRuntime } from "../generate/LlamaRuntime";
import { fitVocabulary, type FittedVocabulary } from "./vocab/fitVocabulary";
import { stageSlice, TINY_RECIPES, type TinyRecipe } from "./tinyRecipes";
import { stageNamed } from "./defaultModelCorpus";

export type DefaultModelProgress = {
  model: string;
  stage: "vocabulary" | "init" | "pretrain" | "stage-done" | "cached" | "shipped";
  /** which pretraining stage (1-based) of how many; with "stage-done", the stage's weights */
  pretrainStage?: { index: number; of: number; path?: string };
  progress?: TrainerProgress;
  /** seconds left for the whole build (the slowest of the models building side by side, all its stages), once each has a rate */
  etaSeconds?: number | null;
};

export type BuiltDefaultModel = {
  name: string;
  path: string;
  vocabulary: FittedVocabulary | null;
  pretrain: { train_loss: number; val_loss: number | null; seconds: number; tokens_per_s: number; tokens: number } | null;
};

const ANSWER_AT = "\nЗаключение:";

/**
 * A rendered report as the study's training pair: the prompt, and the answer ending with the newline
 * that is a conclusion's stop (renderAnswer; the pretraining text is trimmed of it). Pretrained to end
 * with the end-of-sequence token alone, a base model's generation 1 learns a newline on top of it
 * and, torn between the two, writes on past the conclusion.
 */
export function splitAtAnswer(text: string): { prompt: string; answer: string } {
  const at = text.lastIndexOf(ANSWER_AT) + ANSWER_AT.length;
  return { prompt: text.slice(0, at), answer: `${text.slice(at)}\n` };
}

/** The token ids a vocabulary gives the texts, as the trainer tokenises them (and prompts alone, as generation does). */
async function usedTokens(vocabPath: string, texts: string[], signal?: AbortSignal): Promise<Set<number>> {
  const { llama } = await LlamaRuntime.get();
  const model = await llama.loadModel({ modelPath: vocabPath, vocabOnly: true, gpuLayers: 0 });
  try {
    const used = new Set<number>();
    for (const text of texts) {
      signal?.throwIfAborted();
      const answerAt = text.lastIndexOf(ANSWER_AT) + ANSWER_AT.length;
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

/** What pretraining stage `stage` (0-based) of a recipe takes its loss on: whole reports, or the conclusions alone. */
function stageLoss(recipe: TinyRecipe, stage: number): "report" | "answer" {
  const from = recipe.pretrain.answerLossFrom;
  return from !== undefined && stage + 1 >= from ? "answer" : "report";
}

/**
 * A stage's stamp names only what its weights depend on: the recipe without the number of stages
 * and with the loss and text of this stage and every earlier one, so a recipe that differs only in
 * later stages (or in how many there are) reuses the stages it shares, where its corpus is the same.
 */
export function defaultModelStageStamp(recipe: TinyRecipe, corpusHash: string, stage: number): string {
  const { stages: _stages, answerLossFrom: _answerLossFrom, alwaysNamed: _alwaysNamed, ...shared } = recipe.pretrain;
  const losses = Array.from({ length: stage + 1 }, (_, k) => stageLoss(recipe, k));
  const named = Array.from({ length: stage + 1 }, (_, k) => stageNamed(recipe, k));
  return createHash("sha256")
    .update(JSON.stringify({ ...recipe, pretrain: { ...shared, losses, ...(named.some(Boolean) ? { named } : {}) } }))
    .update(corpusHash)
    .update(`stage ${stage}`)
    .digest("hex");
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
  /** the recipes to build (TINY_RECIPES) */
  recipes?: readonly TinyRecipe[];
  threads?: number;
  /** where weights built from the same recipe and corpus ship (resources/default-models): copied, not rebuilt, when their stamp matches */
  shippedDir?: string;
  signal?: AbortSignal;
  onProgress?: (p: DefaultModelProgress) => void;
}): Promise<BuiltDefaultModel[]> {
  mkdirSync(options.dir, { recursive: true });
  const plans = (options.recipes ?? TINY_RECIPES).map((recipe) => {
    const texts = options.texts(recipe);
    const source = options.vocabPath(recipe.vocab);
    const corpusHash = createHash("sha256").update(texts.join("\u0000")).update(readFileSync(source)).digest("hex");
    const stampValue = createHash("sha256").update(JSON.stringify(recipe)).update(corpusHash).digest("hex");
    const path = join(options.dir, `${recipe.name}.gguf`);
    const stamp = `${path}.stamp`;
    const cached = existsSync(path) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === stampValue;
    return { recipe, texts, source, corpusHash, stampValue, path, stamp, cached };
  });
  for (const plan of plans) {
    if (plan.cached || !options.shippedDir) continue;
    const shipped = join(options.shippedDir, `${plan.recipe.name}.gguf`);
    if (existsSync(shipped) && existsSync(`${shipped}.stamp`) && readFileSync(`${shipped}.stamp`, "utf8").trim() === plan.stampValue) {
      copyFileSync(shipped, `${plan.path}.tmp`);
      renameSync(`${plan.path}.tmp`, plan.path);
      writeFileSync(plan.stamp, plan.stampValue + "\n");
      plan.cached = true;
      options.onProgress?.({ model: plan.recipe.name, stage: "shipped" });
    }
  }
  const todo = plans.filter((p) => !p.cached);
  // the models pretrain side by side, one trainer thread each by default: on a busy machine two
  // single-threaded trainers lose far less to each other than one two-threaded trainer loses to
  // its own threads' waits (measured: 245 against 70 tokens/s under a load of 15 on 2 cores)
  const threads = options.threads ?? Math.max(1, Math.floor(availableParallelism() / Math.max(1, todo.length)));
  const eta = new Map<string, number | null>();
  // one model's failure stops the other's pretraining: the build ends as a whole, and only then is cleaned up
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  let firstError: { reason: unknown } | null = null;
  const settled = await Promise.allSettled(
    plans
      .map(async (plan): Promise<BuiltDefaultModel> => {
        const { recipe, path } = plan;
        if (plan.cached) {
          options.onProgress?.({ model: recipe.name, stage: "cached" });
          return { name: recipe.name, path, vocabulary: null, pretrain: null };
        }
        const of = recipe.pretrain.stages;
        const { file: stageFile, stamp: stageStamp, done: stageDone } = stagesOf(plan, options.dir);
        let first = 0;
        for (let k = of - 1; k >= 0; k--)
          if (stageDone(k)) {
            first = k + 1;
            break;
          }
        let vocabulary: FittedVocabulary | null = null;
        let from = stageFile(first - 1);
        const scratch: string[] = [];
        if (first === 0) {
          options.onProgress?.({ model: recipe.name, stage: "vocabulary" });
          // fitted to the first vocabularyRecords reports: a recipe that adds stages keeps the vocabulary, and so the stages, of the one before
          const used = await usedTokens(plan.source, plan.texts.slice(0, recipe.pretrain.vocabularyRecords ?? plan.texts.length), signal);
          const vocabPath = join(options.dir, `${recipe.name}.vocab.gguf`);
          vocabulary = fitVocabulary(plan.source, used, vocabPath);
          from = join(options.dir, `${recipe.name}.init.gguf`);
          scratch.push(vocabPath, from);
          options.onProgress?.({ model: recipe.name, stage: "init" });
          await TrainerProcess.run("init", { ...recipe.init, vocab: vocabPath, out: from }, { signal });
        }
        const totals = { train_loss: 0, val_loss: null as number | null, seconds: 0, tokens: 0 };
        for (let k = first; k < of; k++) {
          const { from: a, to: b } = stageSlice(recipe, k);
          const corpus = join(options.dir, `${recipe.name}.corpus.jsonl`);
          // from `answerLossFrom` on, the reports as description → conclusion pairs, the loss on the conclusion (docs/default-models.md)
          const onAnswers = stageLoss(recipe, k) === "answer";
          writeFileSync(
            corpus,
            plan.texts
              .slice(a, b)
              .map((text) => JSON.stringify(onAnswers ? splitAtAnswer(text) : { text }))
              .join("\n") + "\n",
          );
          const started = performance.now();
          const r = await TrainerProcess.run(
            "pretrain",
            {
              model: from,
              train: corpus,
              ...(onAnswers ? { loss: "answer" as const } : {}),
              out: stageFile(k),
              ctx: recipe.pretrain.ctx,
              epochs: recipe.pretrain.epochs,
              lr: recipe.pretrain.lr,
              seed: (recipe.init.seed ?? 42) + k,
              val_fraction: 0.02,
            },
            {
              threads,
              signal,
              onProgress: (p) => {
                if (p.phase === "train" && p.eta_s !== null) {
                  const elapsed = (performance.now() - started) / 1000;
                  eta.set(recipe.name, p.eta_s + (of - k - 1) * (elapsed + p.eta_s));
                }
                const left = [...eta.values()];
                const etaSeconds = left.length === todo.length && left.every((x) => x !== null) ? Math.max(...(left as number[])) : null;
                options.onProgress?.({ model: recipe.name, stage: "pretrain", pretrainStage: { index: k + 1, of }, progress: p, etaSeconds });
              },
            },
          );
          rmSync(corpus, { force: true });
          writeFileSync(`${stageFile(k)}.stamp`, stageStamp(k) + "\n");
          from = stageFile(k);
          Object.assign(totals, { train_loss: r.train_loss, val_loss: r.val_loss, seconds: totals.seconds + r.seconds, tokens: totals.tokens + r.tokens });
          options.onProgress?.({ model: recipe.name, stage: "stage-done", pretrainStage: { index: k + 1, of, path: from } });
        }
        eta.set(recipe.name, 0);
        copyFileSync(from, `${path}.tmp`);
        renameSync(`${path}.tmp`, path);
        writeFileSync(plan.stamp, plan.stampValue + "\n");
        for (let k = 0; k < of; k++) scratch.push(stageFile(k), `${stageFile(k)}.stamp`);
        for (const f of scratch) rmSync(f, { force: true });
        return {
          name: recipe.name,
          path,
          vocabulary,
          pretrain: { ...totals, tokens_per_s: totals.seconds > 0 ? totals.tokens / totals.seconds : 0 },
        };
      })
      .map((building) => building.catch((reason: unknown) => ((firstError ??= { reason }), stop.abort(), Promise.reject(reason)))),
  );
  if (firstError) {
    for (const plan of todo) removeUnfinished(plan, options.dir);
    throw (firstError as { reason: unknown }).reason;
  }
  return settled.map((r) => (r as PromiseFulfilledResult<BuiltDefaultModel>).value);
}

type Plan = { recipe: TinyRecipe; corpusHash: string; path: string };

/** A model's pretraining stages: their files, and whether each is finished (its weights and its stamp, which is written after them). */
function stagesOf(plan: Plan, dir: string) {
  const { recipe } = plan;
  const of = recipe.pretrain.stages;
  const file = (k: number) => join(dir, `${recipe.name}.stage-${k + 1}-of-${of}.gguf`);
  const stamp = (k: number) => defaultModelStageStamp(recipe, plan.corpusHash, k);
  const done = (k: number) => existsSync(file(k)) && existsSync(`${file(k)}.stamp`) && readFileSync(`${file(k)}.stamp`, "utf8").trim() === stamp(k);
  return { of, file, stamp, done };
}

/**
 * What a stopped or failed build leaves: its finished stages (weights and stamp), a cache the next
 * build resumes from, and a model built before (with its stamp) until its rebuild is complete.
 * Everything else it wrote goes: the fitted vocabulary, the initial weights, the corpus slice, the
 * model's temporary copy, and of each unfinished stage its weights (never stamped, so never taken
 * for finished), the trainer's partial weights and temporary files.
 */
function removeUnfinished(plan: Plan, dir: string): void {
  const name = plan.recipe.name;
  for (const scratch of [`${name}.vocab.gguf`, `${name}.init.gguf`, `${name}.corpus.jsonl`, `${name}.gguf.tmp`]) rmSync(join(dir, scratch), { force: true });
  const stages = stagesOf(plan, dir);
  const present = readdirSync(dir);
  for (let k = 0; k < stages.of; k++) {
    const file = stages.file(k);
    const keep = stages.done(k) ? [file, `${file}.stamp`] : [];
    for (const f of present.map((p) => join(dir, p))) if (f.startsWith(`${file}`) && !keep.includes(f)) rmSync(f, { force: true });
  }
}
