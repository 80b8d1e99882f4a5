import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDatabase, type Db } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { createSplit } from "../../../electron/core/data/split/createSplit";
import { listDatasets } from "../../../electron/core/db/queries/datasets";
import { insertExperiment } from "../../../electron/core/db/queries/experiments";
import { insertJob } from "../../../electron/core/db/queries/jobs";
import { insertSamples } from "../../../electron/core/db/queries/samples";
import { listMetricPoints, toMetricPoint } from "../../../electron/core/db/queries/metricPoints";
import { parseStudySpec } from "../../../electron/shared/domain/study";
import { metricsExecutor } from "../../../electron/core/experiments/executors/metricsExecutor";
import { studyInputs } from "../../../electron/core/experiments/executors/studyInputs";
import type { StudySettings } from "../../../electron/core/experiments/createStudy";
import type { JobExecutionContext } from "../../../electron/core/jobs/JobExecutor";
import type { MetricsParams } from "../../../electron/core/jobs/jobSchemas";
import type { RealPair } from "../../../electron/core/experiments/studyData";
import { maxEuCategory } from "../../../electron/core/data/tirads";
import { wordTokens } from "../../../electron/shared/text/wordTokens";
import { panelRows, untrainedGenerationOnes, untrainedNoteLines, UNTRAINED_NOTE } from "../../../electron/shared/export/clinicalPanelTable";
import { isNoiseFloorMetric, noiseFloors } from "../../../electron/shared/charts/noiseFloors";
import { metricsCsv } from "../../../electron/shared/export/metricsCsv";
import { formatPanel } from "../../../electron/cli/commands/formatPanel";
import { panelHtml } from "../../../electron/core/export/panelHtml";
import { useTempDir } from "../../helpers/tempDir";

const tempDir = useTempDir();

async function workspace(): Promise<{ db: Db; settings: StudySettings; experimentId: number }> {
  const dir = tempDir();
  const db = openDatabase(join(dir, "ws.sqlite"));
  await importSynthetic(db, { records: 400, seed: 42, dir });
  const datasetId = listDatasets(db)[0]!.id;
  const { splitId } = createSplit(db, { datasetId, seed: 42 });
  const spec = parseStudySpec({ name: "m", models: ["tiny"], trainRecords: 120, evalRecords: 50, metrics: { bootstrap: 200, noiseFloorSeeds: 5 } });
  const settings: StudySettings = { spec, datasetId, splitId, models: [{ id: 1, name: "tiny", path: "", sha256: "" }], trainSize: 120, evalSize: 50 };
  const experimentId = insertExperiment(db, { name: "m", specJson: JSON.stringify(settings), specSource: "", versionsJson: "{}" });
  return { db, settings, experimentId };
}

describe("held-out prompts and the clinical panel's reference rows (metricsExecutor)", () => {
  it("stores every metric on both prompt sets, the baselines, and says which generation 1 has not learned the task", async () => {
    const { db, settings, experimentId } = await workspace();
    const { train, test } = studyInputs(db, settings);
    const jobs = new Map<string, number>();
    const write = (key: string, pairs: RealPair[], output: (r: RealPair, i: number) => string, finish: (i: number) => string) => {
      jobs.set(key, insertJob(db, { experimentId, key, kind: "generate", dependsOn: [], params: {} }));
      insertSamples(
        db,
        pairs.map((r, idx) => ({
          job_id: jobs.get(key)!,
          idx,
          record_id: r.recordId,
          prompt: "",
          output: output(r, idx),
          token_count: 4,
          finish_reason: finish(idx),
          seed: 1,
        })),
      );
    };
    // seed 1: an untrained generation 1 (the first four words of the conclusion; every fifth held-out answer cut at maxTokens)
    const fourWords = (r: RealPair) => wordTokens(r.conclusion).slice(0, 4).join(" ");
    write("gen-s1", train, fourWords, () => "customStopTrigger");
    write("heldout-s1", test, fourWords, (i) => (i % 5 === 0 ? "maxTokens" : "customStopTrigger"));
    // seed 2: a generation 1 that writes what the physicians wrote
    write(
      "gen-s2",
      train,
      (r) => r.conclusion,
      () => "customStopTrigger",
    );
    write(
      "heldout-s2",
      test,
      (r) => r.conclusion,
      () => "customStopTrigger",
    );
    for (const seed of [1, 2]) {
      const base = { design: { kind: "recursive" as const }, chain: "A", model: 0, seed, evaluate: "eval" };
      const ctx = (params: MetricsParams) =>
        ({
          db,
          experimentId,
          params,
          signal: new AbortController().signal,
          outputOf: () => ({ perplexity: 12.5, meanNll: 1, tokens: 100, items: 10 }),
          jobIdOf: (key: string) => jobs.get(key)!,
        }) as unknown as JobExecutionContext;
      for (const params of [
        { ...base, design: { kind: "real" as const }, generation: 0, generate: null, m1: null, heldout: null, m1Heldout: null },
        { ...base, generation: 1, generate: `gen-s${seed}`, m1: `gen-s${seed}`, heldout: `heldout-s${seed}`, m1Heldout: `heldout-s${seed}` },
      ])
        (await metricsExecutor(settings)(ctx(params))).commit!(db);
    }

    const points = listMetricPoints(db, { experimentId }).map(toMetricPoint);
    const at = (design: string, seed: number, g: number, metric: string) =>
      points.find((p) => p.design === design && p.seed === seed && p.generation === g && p.metric === metric);
    // both prompt sets, each of its own size; perplexity (always on the test split) once
    expect(at("recursive", 1, 1, "samples")!.value).toBe(120);
    expect(at("recursive", 1, 1, "samples@heldout")!.value).toBe(50);
    expect(at("real", 1, 0, "samples@heldout")!.value).toBe(50);
    expect(at("recursive", 1, 1, "kl_unigram_vs_real@heldout")!.value!).toBeGreaterThan(0);
    // the physicians' own text: no divergence beyond the equal-token-budget subsampling's (docs/metrics.md), far below the untrained one's
    expect(at("recursive", 2, 1, "kl_unigram_vs_real@heldout")!.value!).toBeLessThan(at("recursive", 1, 1, "kl_unigram_vs_real@heldout")!.value! / 2);
    expect(at("recursive", 1, 1, "perplexity_real@heldout")).toBeUndefined();
    // cut share: every fifth of 50 held-out answers; none of the training ones; the physicians have none
    expect(at("recursive", 1, 1, "cut_share@heldout")!.value).toBeCloseTo(10 / 50, 12);
    expect(at("recursive", 1, 1, "cut_share")!.value).toBe(0);
    expect(at("real", 1, 0, "cut_share@heldout")!.value).toBeNull();
    // the physicians' row: their own conclusions on the held-out prompts
    expect(at("real", 1, 0, "chrf@heldout")!.value).toBe(100);
    const described = test.filter((r) => maxEuCategory(r.description) !== null && maxEuCategory(r.conclusion) !== null);
    const same = described.filter((r) => maxEuCategory(r.conclusion) === maxEuCategory(r.description));
    expect(at("real", 1, 0, "category_consistency@heldout")!.value).toBeCloseTo(same.length / described.length, 12);
    expect(at("real", 1, 0, "category_presence@heldout")!.value).toBeCloseTo(test.filter((r) => maxEuCategory(r.conclusion) !== null).length / 50, 12);
    // the baselines: the rule is consistent by construction; the most frequent conclusion is one text for every prompt
    expect(at("baseline-rule", 1, 0, "category_consistency@heldout")!.value).toBe(1);
    expect(at("baseline-rule", 1, 0, "category_presence@heldout")!.value).toBeCloseTo(
      test.filter((r) => maxEuCategory(r.description) !== null).length / 50,
      12,
    );
    expect(at("baseline-frequent", 1, 0, "chrf@heldout")!.value!).toBeGreaterThan(0);
    expect(at("baseline-frequent", 1, 0, "chrf@heldout")!.value!).toBeLessThan(100);
    expect(at("baseline-category", 1, 0, "category_consistency@heldout")!.value!).toBeGreaterThan(0);
    expect(at("baseline-frequent", 1, 0, "samples@heldout")).toBeUndefined();

    // the verdict: seed 1's generation 1 has not learned the task, seed 2's has
    const untrained = untrainedGenerationOnes(points);
    expect(untrained.map((u) => u.seed)).toEqual([1]);
    expect(untrainedNoteLines(points)[0]).toContain(`tiny (seed 1): ${UNTRAINED_NOTE}`);
    // the panel: physicians, three baselines, then the generation (seeds averaged)
    const rows = panelRows(points);
    expect(rows.map((r) => r.kind)).toEqual(["physicians", "baseline-frequent", "baseline-category", "baseline-rule", "generation"]);
    expect(rows[0]!.cells.chrf!.value).toBe(100);
    expect(rows[4]!.cells.cut_share!.value).toBeCloseTo(0.1, 12);
    expect(formatPanel(points)).toMatch(/^!! tiny \(seed 1\): generation 1 has not learned the task/);
    expect(panelHtml(points)).toContain('<tr class="reference"><th>physicians</th>');
    // each prompt set's KL charts get the noise floor of their own size and real pool
    const floors = noiseFloors(points);
    expect(floors["kl_unigram_vs_real@heldout"]).toBeCloseTo(
      (at("recursive", 1, 1, "kl_noise_floor@heldout")!.value! + at("recursive", 2, 1, "kl_noise_floor@heldout")!.value!) / 2,
      12,
    );
    expect(floors["kl_unigram_vs_real@heldout"]).not.toBe(floors.kl_unigram_vs_real);
    expect(isNoiseFloorMetric("kl_noise_floor@heldout")).toBe(true);
    // metrics.csv says which prompts
    const csv = metricsCsv(experimentId, points).split("\r\n");
    expect(csv[0]).toBe("study,design,model,generation,seed,metric,value,low,high,trained_on,chain,interval,prompts");
    expect(csv.find((l) => l.includes(",chrf@heldout,"))!.endsWith(",heldout")).toBe(true);
    expect(csv.find((l) => l.includes(",chrf,"))!.endsWith(",train")).toBe(true);
    db.close();
  });
});
