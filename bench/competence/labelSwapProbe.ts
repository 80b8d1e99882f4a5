/**
 * `npx tsx bench/competence/labelSwapProbe.ts <model.gguf>`: does the model read the category
 * written in the description, or only the findings? For held-out descriptions with one labelled
 * nodule, the label's digit is set to each category 2–5 in turn (the findings unchanged) and the
 * physician's conclusion is scored with each category in its place (teacher-forced, the trainer's
 * `eval`). A model that reads the label follows the written one down the diagonal; one that reads
 * only the findings gives every row the same answer.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { embeddedSplit } from "./generationOne";
import { DEFAULT_TEMPLATES, renderAnswer, renderPrompt } from "../../electron/core/experiments/promptTemplate";
import { euCategories, findLabels } from "../../electron/core/data/tirads";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { categoryChoice, PROBE_CATEGORIES as CATS, withCategory } from "./categoryChoice";
const [model] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "swap-probe-"));
const { test } = await embeddedSplit(join(dir, "data"), 10, 400);
const items = test.filter(
  (r) => /EU-TIRADS \d\)/.test(r.conclusion) && euCategories(r.description).length === 1 && (r.conclusion.match(/TIRADS/g) ?? []).length === 1,
);
const setLabel = (d: string, k: number) => {
  const l = findLabels(d).find((o) => o.system === "EU")!;
  return d.slice(0, l.start) + l.raw.replace(/\d/, String(k)) + d.slice(l.end);
};
const rows = items.flatMap((r) =>
  CATS.flatMap((w) =>
    CATS.map((k) => ({
      prompt: renderPrompt(DEFAULT_TEMPLATES.conclusion, { ...r, description: setLabel(r.description, w) }),
      answer: renderAnswer("conclusion", { ...r, conclusion: withCategory(r.conclusion, k) }),
    })),
  ),
);
const data = join(dir, "v.jsonl");
writeFileSync(data, rows.map((x) => JSON.stringify(x)).join("\n") + "\n");
const res = await TrainerProcess.run("eval", { base: model!, data, ctx: 1024, per_item: true }, { threads: Number(process.env.THREADS ?? 1) });
const conf: number[][] = CATS.map(() => CATS.map(() => 0));
const pmean: number[] = CATS.map(() => 0);
items.forEach((_, i) =>
  CATS.forEach((w, wi) => {
    const { best, probability } = categoryChoice(
      CATS.map((_, j) => res.per_item![(i * 4 + wi) * 4 + j]!.sum_logprob),
      w,
    );
    conf[wi]![CATS.indexOf(best)]!++;
    pmean[wi]! += probability / items.length;
  }),
);
console.log(
  `${items.length} single-label descriptions; rows: the label written, columns: the category the conclusion gets (2 3 4 5), then the mean probability of the written one`,
);
CATS.forEach((w, wi) => console.log(w, conf[wi]!.join("\t"), pmean[wi]!.toFixed(2)));
