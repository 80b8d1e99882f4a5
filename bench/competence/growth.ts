/**
 * `npx tsx bench/competence/growth.ts [dir] [--record]`: builds the default models stage by stage
 * (tinyRecipes.ts) and, as each pretraining stage finishes, measures generation 1 on it as the
 * demo trains it (generationOne.ts): how the panel's figures grow with build time. Writes
 * dir/growth.json (figures per model and stage, with the build's elapsed seconds), dir/recipe.json
 * and each stage's weights under dir/stages, then the last stage's figures to bench/results.json
 * (suite `competenceGrowth`). `--record` only records an earlier run's dir.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundledVocab } from "../../native/scripts/build";
import { buildDefaultModels } from "../../electron/core/models/buildDefaultModels";
import { recipeTexts } from "../../electron/core/models/defaultModelCorpus";
import { TINY_RECIPES } from "../../electron/core/models/tinyRecipes";
import { measureGenerationOne } from "./generationOne";
import { recordGrowth, type GrowthRow } from "./recordGrowth";
import { demoGenerationOne } from "./demoSettings";

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith("--")) ?? "/tmp/competence-growth");
if (args.includes("--record")) {
  recordGrowth(dir);
  process.exit(0);
}
mkdirSync(join(dir, "stages"), { recursive: true });
writeFileSync(join(dir, "recipe.json"), JSON.stringify(TINY_RECIPES[0]!.pretrain, null, 1));
const t0 = performance.now();
const rows: GrowthRow[] = [];
let queue: Promise<void> = Promise.resolve();
let lastLog = 0;
await buildDefaultModels({
  dir: join(dir, "models"),
  texts: recipeTexts,
  vocabPath: bundledVocab,
  onProgress: (p) => {
    if (p.stage === "pretrain" && p.progress && performance.now() - lastLog > 60_000) {
      lastLog = performance.now();
      console.error(
        `${p.model} stage ${p.pretrainStage?.index}/${p.pretrainStage?.of}: ${p.progress.step}/${p.progress.steps} loss ${p.progress.loss?.toFixed(3)}, ${Math.round(p.etaSeconds ?? -1)} s left`,
      );
    }
    if (p.stage !== "stage-done" || !p.pretrainStage?.path) return;
    const buildSeconds = (performance.now() - t0) / 1000;
    const { index, of } = p.pretrainStage;
    const copy = join(dir, "stages", `${p.model}-${index}.gguf`);
    copyFileSync(p.pretrainStage.path, copy);
    // one measurement at a time, one thread, beside the builds
    queue = queue.then(async () => {
      const c = await measureGenerationOne({ modelPath: copy, dir: join(dir, `m1-${p.model}-${index}`), settings: demoGenerationOne(), threads: 1 });
      const { samples, ...figures } = c;
      writeFileSync(join(dir, `samples-${p.model}-${index}.json`), JSON.stringify(samples, null, 1));
      rows.push({ model: p.model, stage: index, of, buildSeconds, figures });
      console.error(
        `MEASURED ${p.model} stage ${index}/${of} after ${buildSeconds.toFixed(0)} s: ${JSON.stringify(figures.model)} baseline chrF ${figures.baselineChrF.toFixed(1)}`,
      );
      writeFileSync(join(dir, "growth.json"), JSON.stringify(rows, null, 1));
    });
  },
});
console.error(`built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
await queue;
recordGrowth(dir);
