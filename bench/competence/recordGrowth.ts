import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { machineDescription, type BenchResult } from "../BenchResult";
import type { TinyRecipe } from "../../electron/core/models/tinyRecipes";
import type { Competence } from "./generationOne";
import { writeBenchResults } from "../writeResults";

export type GrowthRow = { model: string; stage: number; of: number; buildSeconds: number; figures: Omit<Competence, "samples"> };

/** A growth.ts run's last stage of each model as rows of bench/results.json (suite `competenceGrowth`), dated when the run wrote them. */
export function recordGrowth(dir: string): void {
  const rows = JSON.parse(readFileSync(join(dir, "growth.json"), "utf8")) as GrowthRow[];
  const recipePath = join(dir, "recipe.json");
  if (!existsSync(recipePath)) throw new Error(`${recipePath} is missing: which recipe built ${dir} is unknown`);
  const recipe = JSON.parse(readFileSync(recipePath, "utf8")) as TinyRecipe["pretrain"];
  const named = recipe.alwaysNamed ? `, stages ${recipe.alwaysNamed.from}–${recipe.alwaysNamed.to} of hospitals that always name the category` : "";
  const loss = (recipe.answerLossFrom ? `whole reports, then the conclusions from stage ${recipe.answerLossFrom}` : "whole reports") + named;
  const date = statSync(join(dir, "growth.json")).mtime.toISOString();
  const machine = machineDescription();
  const results: BenchResult[] = [];
  const add = (r: Omit<BenchResult, "suite" | "machine" | "date">) => results.push({ suite: "competenceGrowth", machine, date, ...r });
  for (const model of [...new Set(rows.map((r) => r.model))]) {
    const last = rows.filter((r) => r.model === model).sort((a, b) => b.stage - a.stage)[0]!;
    const { model: m, physicians, baselineChrF } = last.figures;
    const at = `${model} after ${last.stage} of ${last.of} pretraining stages (${recipe.stageRecords} reports each, loss on ${loss})`;
    add({ name: `${at}: build time, both models side by side`, value: last.buildSeconds, unit: "s", target: "≤ 3,600 s on 2 cores" });
    const g1 = `${at}: generation 1 on ${m.n} held-out prompts,`;
    add({
      name: `${g1} well-formed`,
      value: 100 * m.wellFormed,
      unit: "%",
      baseline_name: "physicians",
      baseline_value: 100 * physicians.wellFormed,
      target: "≥ 90 %",
    });
    add({
      name: `${g1} names a category`,
      value: 100 * m.presence,
      unit: "%",
      baseline_name: "physicians",
      baseline_value: 100 * physicians.presence,
      target: "within 10 points of the physicians",
    });
    if (m.consistency !== null) add({ name: `${g1} category consistency`, value: m.consistency, unit: "share", target: "≥ 0.8" });
    add({ name: `${g1} chrF`, value: m.chrF, unit: "chrF", baseline_name: "trivial baseline", baseline_value: baselineChrF, target: "baseline + 10" });
  }
  writeBenchResults(results, machine);
  console.error(`recorded ${results.length} rows of ${dir} in bench/results.json`);
}
