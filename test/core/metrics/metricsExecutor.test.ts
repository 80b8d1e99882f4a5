import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDatabase, type Db } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { createSplit } from "../../../electron/core/data/split/createSplit";
import { listDatasets } from "../../../electron/core/db/queries/datasets";
import { insertExperiment } from "../../../electron/core/db/queries/experiments";
import { insertJob } from "../../../electron/core/db/queries/jobs";
import { insertSamples } from "../../../electron/core/db/queries/samples";
import { listMetricPoints } from "../../../electron/core/db/queries/metricPoints";
import { parseStudySpec } from "../../../electron/shared/domain/study";
import { metricsExecutor } from "../../../electron/core/experiments/executors/metricsExecutor";
import { studyInputs } from "../../../electron/core/experiments/executors/studyInputs";
import type { StudySettings } from "../../../electron/core/experiments/createStudy";
import type { JobExecutionContext } from "../../../electron/core/jobs/JobExecutor";
import type { MetricsParams } from "../../../electron/core/jobs/jobSchemas";
import { noiseFloorOf } from "../../../electron/core/metrics/noiseFloor";
import { maxEuCategory } from "../../../electron/core/data/tirads";
import { wordTokens } from "../../../electron/shared/text/wordTokens";
import { useTempDir } from "../../helpers/tempDir";

const tempDir = useTempDir();

/** A study's settings and real data without models: the metrics job needs only samples and an eval output. */
async function workspace(): Promise<{ db: Db; settings: StudySettings; experimentId: number }> {
  const dir = tempDir();
  const db = openDatabase(join(dir, "ws.sqlite"));
  await importSynthetic(db, { records: 400, seed: 42, dir });
  const datasetId = listDatasets(db)[0]!.id;
  const { splitId } = createSplit(db, { datasetId, seed: 42 });
  const spec = parseStudySpec({ name: "m", models: ["tiny"], trainRecords: 120, metrics: { bootstrap: 200, noiseFloorSeeds: 5 } });
  const settings: StudySettings = { spec, datasetId, splitId, models: [{ id: 1, name: "tiny", path: "", sha256: "" }], trainSize: 120, evalSize: 60 };
  const experimentId = insertExperiment(db, { name: "m", specJson: JSON.stringify(settings), specSource: "", versionsJson: "{}" });
  return { db, settings, experimentId };
}

async function runMetrics(db: Db, settings: StudySettings, experimentId: number, params: MetricsParams, jobs: Map<string, number>) {
  const ctx = {
    db,
    experimentId,
    params,
    outputOf: () => ({ perplexity: 12.5, meanNll: Math.log(12.5), tokens: 100, items: 10 }),
    jobIdOf: (key: string) => jobs.get(key)!,
  } as unknown as JobExecutionContext<"metrics">;
  const result = await metricsExecutor(settings)(ctx);
  result.commit!(db);
}

describe("metricsExecutor", () => {
  it("stores the full metric set with intervals for the real data and a generation, and the noise floor for the UI", async () => {
    const { db, settings, experimentId } = await workspace();
    const train = studyInputs(db, settings).train;
    const jobs = new Map<string, number>();
    jobs.set("gen-1", insertJob(db, { experimentId, key: "gen-1", kind: "generate", dependsOn: [], params: {} }));
    // generation 1 keeps only the first four word tokens of each real conclusion: a collapsed, shorter distribution
    insertSamples(
      db,
      train.map((r, idx) => ({
        job_id: jobs.get("gen-1")!,
        idx,
        record_id: r.recordId,
        prompt: "",
        output: wordTokens(r.conclusion).slice(0, 4).join(" "),
        token_count: 4,
        finish_reason: "stop",
        seed: 1,
      })),
    );
    const base = { design: { kind: "recursive" as const }, chain: "A", model: 0, seed: 1, evaluate: "eval" };
    await runMetrics(db, settings, experimentId, { ...base, generation: 0, generate: null, m1: null }, jobs);
    await runMetrics(db, settings, experimentId, { ...base, generation: 1, generate: "gen-1", m1: "gen-1" }, jobs);

    const points = listMetricPoints(db, { experimentId });
    const at = (g: number, metric: string) => points.find((p) => p.generation_index === g && p.metric === metric);
    expect(at(0, "samples")!.value).toBe(120);
    expect(at(1, "samples")!.value).toBe(120);
    for (const m of ["kl_unigram_vs_real", "kl_bigram_vs_real", "js_unigram_vs_real", "tirads_js"]) expect(at(0, m)!.value, m).toBe(0);
    expect(at(0, "tail_survival")!.value).toBe(1);
    expect(at(0, "kl_unigram_vs_m1")).toBeUndefined();
    expect(at(1, "kl_unigram_vs_m1")!.value).toBe(0);
    // the descriptions are paired with their own conclusions: recount the agreement of the real pairs
    const described = train.filter((r) => maxEuCategory(r.description) !== null);
    const agreeing = described.filter((r) => maxEuCategory(r.conclusion) === maxEuCategory(r.description));
    expect(described.length).toBeGreaterThan(50);
    expect(at(0, "tirads_agreement")!.value).toBeCloseTo(agreeing.length / described.length, 12);
    // four words keep no category ("эхо признаки правостороннего узлового" …)
    expect(at(1, "tirads_agreement")!.value!).toBeLessThan(at(0, "tirads_agreement")!.value!);
    expect(at(1, "mean_length")!.value!).toBeLessThanOrEqual(4);
    expect(at(1, "mean_length")!.value!).toBeLessThan(at(0, "mean_length")!.value!);
    expect(at(1, "kl_unigram_vs_real")!.value!).toBeGreaterThan(at(1, "kl_noise_floor")!.value!);
    expect(at(1, "tail_survival")!.value!).toBeLessThan(1);
    expect(at(1, "perplexity_real")!.value).toBe(12.5);
    const withInterval = points.filter((p) => p.low !== null);
    expect(withInterval.length).toBeGreaterThan(30);
    for (const p of withInterval) {
      expect(p.low!, p.metric).toBeLessThanOrEqual(p.value! + 1e-12);
      expect(p.high!, p.metric).toBeGreaterThanOrEqual(p.value! - 1e-12);
    }
    expect(at(1, "kl_unigram_vs_real")!.high!).toBeGreaterThan(at(1, "kl_unigram_vs_real")!.low!);
    expect(noiseFloorOf(db, { experimentId }).kl_unigram_vs_real).toBe(at(1, "kl_noise_floor")!.value);
    db.close();
  });
});
