/**
 * `npx tsx bench/competence/categoryProbe.ts <model.gguf> [adapter.gguf]`: does the model know the
 * description's highest category, apart from sampling? For held-out records whose physician's
 * conclusion names exactly one category, scores that conclusion with each category 2–5 in its place
 * (teacher-forced log-likelihood, the trainer's `eval`) and counts how often the description's
 * highest category scores best, and the mean probability the model gives it among the four.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedSplit } from "./generationOne";
import { DEFAULT_TEMPLATES, renderAnswer, renderPrompt } from "../../electron/core/experiments/promptTemplate";
import { euCategories, maxEuCategory } from "../../electron/core/data/tirads";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { categoryChoice, PROBE_CATEGORIES as CATS, withCategory } from "./categoryChoice";

const [model, adapter] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "category-probe-"));
const { test } = await embeddedSplit(join(dir, "data"), 10, 400);
const items = test.filter(
  (r) => /EU-TIRADS \d\)/.test(r.conclusion) && maxEuCategory(r.description) !== null && (r.conclusion.match(/TIRADS/g) ?? []).length === 1,
);
const rows = items.flatMap((r) =>
  CATS.map((k) => ({
    prompt: renderPrompt(DEFAULT_TEMPLATES.conclusion, r),
    answer: renderAnswer("conclusion", { ...r, conclusion: withCategory(r.conclusion, k) }),
  })),
);
const data = join(dir, "variants.jsonl");
writeFileSync(data, rows.map((x) => JSON.stringify(x)).join("\n") + "\n");
const res = await TrainerProcess.run(
  "eval",
  { base: model!, ...(adapter ? { adapter } : {}), data, ctx: 1024, per_item: true },
  { threads: Number(process.env.THREADS ?? 1) },
);
let right = 0;
let pSum = 0;
const picked: Record<string, number> = {};
// one labelled nodule is a copy; several, the highest of them: which one the model lacks
const byLabels: Record<string, { items: number; right: number }> = {};
items.forEach((r, i) => {
  const truth = maxEuCategory(r.description)!;
  const { best, probability } = categoryChoice(
    CATS.map((_, j) => res.per_item![i * 4 + j]!.sum_logprob),
    truth,
  );
  picked[`${truth}->${best}`] = (picked[`${truth}->${best}`] ?? 0) + 1;
  const labels = euCategories(r.description).length > 1 ? "several" : "one";
  byLabels[labels] ??= { items: 0, right: 0 };
  byLabels[labels].items++;
  if (best === truth) {
    byLabels[labels].right++;
    right++;
  }
  pSum += probability;
});
console.log(JSON.stringify({ items: items.length, argmaxAccuracy: right / items.length, meanProbability: pSum / items.length, picked, byLabels }));
