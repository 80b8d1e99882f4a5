import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, type Db } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../../electron/core/models/registerModel";
import { DESIGNS, type StudySpec } from "../../../electron/shared/domain/study";
import { createStudy } from "../../../electron/core/experiments/createStudy";
import { readStudyFile } from "../../../electron/core/experiments/readStudyFile";
import { runStudy } from "../../../electron/core/experiments/runStudy";
import { listMetricPoints, toMetricPoint } from "../../../electron/core/db/queries/metricPoints";
import { listJobs } from "../../../electron/core/db/queries/jobs";
import { answerSentence, compareDesigns, defaultComparisons } from "../../../electron/shared/stats/compareDesigns";
import { useTempDir } from "../../helpers/tempDir";
import { tinyModel } from "../../helpers/tinyModel";

const tempDir = useTempDir();
const STUDIES = join(import.meta.dirname, "..", "..", "..", "resources", "studies");

/** A workspace with the synthetic corpus and two different tiny models under the given names. */
async function workspace(names: readonly [string, string]): Promise<{ db: Db; dir: string }> {
  const dir = tempDir();
  const db = openDatabase(join(dir, "ws.sqlite"));
  await importSynthetic(db, { records: 200, seed: 42, dir });
  await registerModel(db, { path: await tinyModel(), name: names[0] });
  await registerModel(db, { path: await tinyModel({ seed: 2 }), name: names[1] });
  return { db, dir };
}

/** The tiny scale every real run here uses: what it checks is the structure, not the numbers. */
const TINY = {
  generations: 2,
  seeds: [1, 2],
  trainRecords: 6,
  evalRecords: 3,
  train: { epochs: 1 },
  // an untrained tiny model's answers are all cut at 8 tokens: kept, or generation 2 would have nothing to learn from (cutOutputs: exclude)
  generate: { maxTokens: 8, sequences: 6, cutOutputs: "keep" as const },
  metrics: { bootstrap: 0, noiseFloorSeeds: 2 },
};
/** About 120 jobs (trainer and llama.cpp processes): minutes on 2 cores. */
const SLOW = 1_500_000;

function tiny(spec: StudySpec): StudySpec {
  return { ...spec, ...TINY, train: { ...spec.train, ...TINY.train }, generate: { ...spec.generate, ...TINY.generate }, metrics: TINY.metrics };
}

describe("every design with real tiny models, two models and two seeds, through to its comparison (slow: trainer + llama.cpp)", () => {
  it(
    "runs recursive, cross, accumulate, accumulate-subsample and real-fraction, stores floors and compute per generation, and compares them",
    async () => {
      const { db, dir } = await workspace(["tiny-a", "tiny-b"]);
      const spec = tiny(readStudyFile(join(STUDIES, "paper-demo.yaml")).spec);
      const { id } = createStudy(db, {
        spec: { ...spec, models: ["tiny-a", "tiny-b"], designs: [...DESIGNS], realFractions: [0.5] },
        source: "",
        versions: {},
      });
      expect(await runStudy(db, id, { workspaceDir: dir })).toBe("done");
      const points = listMetricPoints(db, { experimentId: id }).map(toMetricPoint);
      db.close();

      const designs = ["recursive", "cross", "accumulate", "accumulate-subsample", "real-fraction@0.5"];
      for (const design of designs) {
        for (const model of ["tiny-a", "tiny-b"]) {
          for (const seed of [1, 2]) {
            const at = (metric: string, g: number) =>
              points.find((p) => p.design === design && p.model === model && p.seed === seed && p.generation === g && p.metric === metric);
            for (const metric of [
              "kl_unigram_vs_real",
              "kl_m1_noise_floor",
              "kl_noise_floor",
              "kl_bigram_noise_floor",
              "js_noise_floor",
              "token_budget",
              "train_steps",
              "metrics_seed",
            ]) {
              expect(at(metric, 2), `${metric} of ${design}/${model}/seed ${seed}`).toBeDefined();
            }
            // the compute each generation got: plain accumulate's grows, the compute-matched control's does not
            const pairs = (g: number) => at("train_pairs", g)!.value!;
            if (design === "accumulate") expect(pairs(2)).toBe(2 * pairs(1));
            else expect(pairs(2), design).toBe(pairs(1));
            // the demo packs its pairs (train.packPairs): one pair of the 6 validates, and the other 5,
            // about half a window each, take fewer windows (steps) than one apiece
            expect(at("train_steps", 1)!.value!).toBeLessThan(pairs(1) - 1);
          }
        }
      }
      const comparisons = defaultComparisons(points);
      // per model: recursive against each of the other four designs
      expect(comparisons).toHaveLength(8);
      for (const [a, b] of comparisons) {
        const c = compareDesigns(points, a, b);
        expect(c.seeds).toEqual([1, 2]);
        // a cross model's slope is fitted within each chain (its generations 1, 3, 5 in one, 2, 4 in the other):
        // with two generations no chain has two points of it, so a cross side has no slope (docs/metrics.md)
        const crossSlope = (r: (typeof c.rows)[number]) => r.summary === "slope" && (a.design === "cross" || b.design === "cross");
        expect(c.rows.filter((r) => !crossSlope(r)).every((r) => r.n === 2 && r.exactP !== null)).toBe(true);
        expect(c.rows.filter(crossSlope).every((r) => r.n === 0 && r.exactP === null)).toBe(true);
        expect(answerSentence(c, c.rows[0]!)).toMatch(/, 2 seeds; with 2 seeds the exact test cannot reach p < 0.05 \(smallest p 0.500\)$/);
      }
    },
    SLOW,
  );

  it(
    "every study file shipped in resources/studies parses and runs at a tiny scale",
    async () => {
      const files = readdirSync(STUDIES).filter((f) => /\.(ya?ml|json)$/.test(f));
      expect(files.sort()).toEqual(["compute-matched-control.yaml", "paper-demo.yaml"]);
      for (const file of files) {
        const { spec } = readStudyFile(join(STUDIES, file));
        expect(spec.seeds.length, `${file}: seeds`).toBeGreaterThanOrEqual(6);
        expect(spec.generations, `${file}: generations`).toBe(5);
        const { db, dir } = await workspace(spec.models as [string, string]);
        const { id } = createStudy(db, { spec: { ...tiny(spec), seeds: [1] }, source: "", versions: {} });
        const state = await runStudy(db, id, { workspaceDir: dir });
        const failures = listJobs(db, { experimentId: id })
          .filter((j) => j.state === "failed")
          .map((j) => `${j.key}: ${j.error}`);
        expect(state, `${file}: ${failures.join("; ")}`).toBe("done");
        const points = listMetricPoints(db, { experimentId: id }).map(toMetricPoint);
        db.close();
        for (const design of spec.designs)
          expect(
            points.some((p) => p.design === design && p.generation === 2),
            `${file}: ${design}`,
          ).toBe(true);
      }
    },
    SLOW,
  );
});
