/**
 * `npx tsx bench/competence/run.ts [dir] [--rebuild]`: the default models (the shipped weights, or
 * with --rebuild built from the recipe, cached in dir) and generation 1 of each measured on held-out
 * prompts with the demo's settings; writes figures and samples to dir/competence.json.
 * COMPETENCE_MODELS=tiny-mistral limits the models; COMPETENCE_SETTINGS (JSON) overrides settings.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { bundledVocab } from "../../native/scripts/build";
import { buildDefaultModels } from "../../electron/core/models/buildDefaultModels";
import { recipeTexts } from "../../electron/core/models/defaultModelCorpus";
import { measureGenerationOne } from "./generationOne";
import { demoGenerationOne } from "./demoSettings";
import { shippedModelsDir } from "../../electron/core/models/shippedModels";

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith("--")) ?? "/tmp/competence");
const shipped = args.includes("--rebuild") ? null : shippedModelsDir();
mkdirSync(dir, { recursive: true });
const only = process.env.COMPETENCE_MODELS?.split(",");
const t0 = performance.now();
let lastLog = 0;
const built = await buildDefaultModels({
  dir: join(dir, "models"),
  texts: recipeTexts,
  vocabPath: bundledVocab,
  ...(shipped ? { shippedDir: shipped } : {}),
  onProgress: (p) => {
    if (p.stage !== "pretrain" && p.stage) console.error(`${p.model}: ${p.stage}`);
    if (p.progress && performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      console.error(
        `${p.model}: ${p.progress.phase} ${p.progress.step}/${p.progress.steps} loss ${p.progress.loss?.toFixed(3)} ` +
          `${Math.round(p.progress.tokens_per_s ?? 0)} tok/s, ${Math.round(p.etaSeconds ?? -1)} s left`,
      );
    }
  },
});
const buildSeconds = (performance.now() - t0) / 1000;
console.error(`built in ${buildSeconds.toFixed(0)} s`, JSON.stringify(built.map((b) => ({ name: b.name, vocabulary: b.vocabulary, pretrain: b.pretrain }))));
const results: Record<string, unknown> = { buildSeconds, built };
// both models side by side, one thread each (see buildDefaultModels)
await Promise.all(
  built
    .filter((b) => !only || only.includes(b.name))
    .map(async (b) => {
      const c = await measureGenerationOne({
        modelPath: b.path,
        dir: join(dir, `m1-${b.name}`),
        settings: demoGenerationOne(process.env.COMPETENCE_SETTINGS ? JSON.parse(process.env.COMPETENCE_SETTINGS) : {}),
        threads: 1,
        log: (m) => console.error(`${b.name}: ${m}`),
      });
      console.error(
        b.name,
        JSON.stringify({
          model: c.model,
          physicians: c.physicians,
          baselineChrF: c.baselineChrF,
          trainSeconds: c.trainSeconds,
          generateSeconds: c.generateSeconds,
        }),
      );
      results[b.name] = c;
    }),
);
writeFileSync(join(dir, "competence.json"), JSON.stringify(results, null, 2));
