import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { BASELINE_DESIGNS, PANEL_METRICS } from "../../../electron/shared/domain/clinicalPanel";
import { metricsExecutor } from "../../../electron/core/experiments/executors/metricsExecutor";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";
import type { StudySettings } from "../../../electron/core/experiments/createStudy";
import { getExperiment } from "../../../electron/core/db/queries/experiments";
import { getJobByKey, listJobs } from "../../../electron/core/db/queries/jobs";
import type { JobExecutionContext } from "../../../electron/core/jobs/JobExecutor";
import { useTempDir } from "../../helpers/tempDir";
import { FLOOR_METRICS } from "../../../electron/shared/charts/noiseFloors";
import { exportableStudy } from "../../fixtures/exportableStudy";

const tempDir = useTempDir();

type Line = {
  model: string;
  design: string;
  generation: number;
  seed: number;
  recordId: number;
  idx: number;
  prompt: string;
  output: string;
  prompts: "train" | "heldout";
};

// the description is the prompt without the template around it (the conclusion template)
const descriptionOf = (prompt: string) => prompt.replace(/^Описание: /, "").replace(/\nЗаключение:$/, "");

describe("the exported files are enough to recompute the study's metrics", () => {
  it("every text metric the real metrics job stored comes back, bit for bit, from samples.jsonl alone", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const settings = JSON.parse(getExperiment(db, { id: studyId })!.spec_json) as StudySettings;
    // The product's own metrics jobs, run on the stored samples (perplexity needs a model: a stand-in value).
    for (const job of listJobs(db, { experimentId: studyId }).filter((j) => j.kind === "metrics")) {
      const ctx = {
        db,
        experimentId: studyId,
        job,
        params: JSON.parse(job.params_json) as unknown,
        signal: new AbortController().signal,
        outputOf: () => ({ perplexity: 1.5 }),
        jobIdOf: (key: string) => getJobByKey(db, { experimentId: studyId, key })!.id,
      } as unknown as JobExecutionContext;
      (await metricsExecutor(settings)(ctx)).commit!(db);
    }
    const out = join(dir, "export");
    await exportStudy(db, { experimentId: studyId, dir: out, formats: ["csv", "jsonl"] });
    db.close();

    // the training prompts' lines (samples.jsonl also holds the held-out prompts', "prompts": "heldout")
    const lines = readFileSync(join(out, "samples.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Line)
      .filter((l) => l.prompts === "train");
    const realLines = lines.filter((l) => l.model === "real").sort((a, b) => a.idx - b.idx);
    const realText = new Map(realLines.map((l) => [l.recordId, l.output]));
    const realPool = realLines.map((l) => l.output);
    const ofGeneration = (model: string, design: string | null, generation: number, seed: number) =>
      lines
        .filter((l) => l.model === model && (design === null || l.design === design) && l.generation === generation && l.seed === seed)
        .sort((a, b) => a.idx - b.idx);
    const rows = parse(readFileSync(join(out, "metrics.csv"), "utf8"), { columns: true }) as Record<string, string>[];
    // everything but the model's perplexity, the noise floors (properties of the whole real split's
    // random samples), the training compute (from the train job) and the seed itself
    const NOT_FROM_TEXT = ["perplexity_real", ...FLOOR_METRICS, "floor_sample_texts", "train_pairs", "train_steps", "metrics_seed"];
    // on the training prompts, of the study's own generations: the held-out rows and the trivial baselines' panel are other prompt sets and writers
    const textMetrics = rows.filter(
      (r) =>
        !NOT_FROM_TEXT.includes(r.metric!) &&
        r.prompts === "train" &&
        !(BASELINE_DESIGNS as readonly string[]).includes(r.design!) &&
        !(PANEL_METRICS as readonly string[]).includes(r.metric!),
    );
    // the seed of each generation's token-budget subsamples is exported beside its metrics
    const seedOf = (r: Record<string, string>) =>
      Number(
        rows.find((x) => x.metric === "metrics_seed" && x.design === r.design && x.model === r.model && x.generation === r.generation && x.seed === r.seed)!
          .value,
      );
    expect(textMetrics.length).toBeGreaterThan(20);
    for (const row of textMetrics) {
      const generation = Number(row.generation);
      const seed = Number(row.seed);
      let expected;
      if (generation === 0) {
        expected = generationMetrics(
          { outputs: realPool, real: realPool, descriptions: realLines.map((l) => descriptionOf(l.prompt)), m1: null, realPool },
          { bootstrap: 0, seed: seedOf(row) },
        );
      } else {
        const own = ofGeneration(row.model!, row.design!, generation, seed);
        // M1 of a model is one set of samples, shared by every design that starts from it.
        const m1 = ofGeneration(row.model!, null, 1, seed).filter((l, i, all) => all.findIndex((x) => x.idx === l.idx) === i);
        expected = generationMetrics(
          {
            outputs: own.map((l) => l.output),
            real: own.map((l) => realText.get(l.recordId)!),
            descriptions: own.map((l) => descriptionOf(l.prompt)),
            m1: m1.map((l) => l.output),
            realPool,
          },
          { bootstrap: 0, seed: seedOf(row) },
        );
      }
      const value = expected.find((m) => m.metric === row.metric);
      expect(value, `${row.metric} of ${row.design}/${row.model}/M${generation}`).toBeDefined();
      expect(row.value === "" ? null : Number(row.value), `${row.metric} of ${row.design}/${row.model}/M${generation}`).toBe(value!.value);
    }
  });
});
