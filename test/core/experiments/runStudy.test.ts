import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../../electron/core/models/registerModel";
import { parseStudySpec } from "../../../electron/shared/domain/study";
import { createStudy } from "../../../electron/core/experiments/createStudy";
import { runStudy } from "../../../electron/core/experiments/runStudy";
import { listJobs } from "../../../electron/core/db/queries/jobs";
import { listSamplesOfJob } from "../../../electron/core/db/queries/samples";
import { listMetricPoints } from "../../../electron/core/db/queries/metricPoints";
import { useTempDir } from "../../helpers/tempDir";
import { tinyModel } from "../../helpers/tinyModel";

const tempDir = useTempDir();

async function runOnce(seed: number) {
  const dir = tempDir();
  const db = openDatabase(join(dir, "ws.sqlite"));
  await importSynthetic(db, { records: 200, seed: 42, dir });
  await registerModel(db, { path: await tinyModel(), name: "tiny" });
  const spec = parseStudySpec({ name: "t", models: ["tiny"], designs: ["recursive"], generations: 2, seeds: [seed], trainRecords: 8, evalRecords: 4, train: { epochs: 1 }, generate: { maxTokens: 12, sequences: 4 }, metrics: { bootstrap: 0 } });
  const { id } = createStudy(db, { spec, source: "", versions: {} });
  const state = await runStudy(db, id, { workspaceDir: dir });
  const samples = listJobs(db, { experimentId: id })
    .filter((j) => j.kind === "generate")
    .map((j) => listSamplesOfJob(db, { jobId: j.id }).map((s) => [s.record_id, s.output, s.seed]));
  const metrics = listMetricPoints(db, { experimentId: id });
  db.close();
  return { state, samples, metrics };
}

describe("a real study on a tiny model (trainer + node-llama-cpp on CPU)", () => {
  it("runs recursively, stores every sample and metric, and the same seed gives identical samples", async () => {
    const a = await runOnce(1);
    expect(a.state).toBe("done");
    expect(a.samples).toHaveLength(2);
    expect(a.samples.every((g) => g.length === 8)).toBe(true);
    expect(a.metrics.filter((m) => m.metric === "perplexity_real").map((m) => m.generation_index).sort()).toEqual([0, 1, 2]);
    expect(a.metrics.find((m) => m.metric === "kl_unigram_vs_real" && m.generation_index === 1)!.value).toBeGreaterThan(0);
    const b = await runOnce(1);
    expect(b.samples).toEqual(a.samples);
  });
});
