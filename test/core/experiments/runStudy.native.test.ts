import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { DEFAULT_STOPS, DEFAULT_TEMPLATES } from "../../../electron/core/experiments/promptTemplate";
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
  const spec = parseStudySpec({
    name: "t",
    models: ["tiny"],
    designs: ["recursive"],
    generations: 2,
    seeds: [seed],
    trainRecords: 8,
    evalRecords: 4,
    train: { epochs: 1 },
    generate: { maxTokens: 12, sequences: 4, cutOutputs: "keep" },
    metrics: { bootstrap: 0 },
  });
  const { id } = createStudy(db, { spec, source: "", versions: {} });
  const state = await runStudy(db, id, { workspaceDir: dir });
  const samples = listJobs(db, { experimentId: id })
    .filter((j) => j.kind === "generate" && !j.key.startsWith("heldout-") && !j.key.endsWith("-again"))
    .map((j) => listSamplesOfJob(db, { jobId: j.id }).map((s) => [s.record_id, s.output, s.seed]));
  // generation 1 sampled a second time (the floor of KL vs M1): the same prompts, other sampling seeds
  const again = listJobs(db, { experimentId: id })
    .filter((j) => j.kind === "generate" && j.key.endsWith("-again"))
    .map((j) => listSamplesOfJob(db, { jobId: j.id }).map((s) => [s.record_id, s.output, s.seed]));
  const heldout = listJobs(db, { experimentId: id })
    .filter((j) => j.key.startsWith("heldout-"))
    .map((j) => listSamplesOfJob(db, { jobId: j.id }).map((s) => [s.record_id, s.output, s.seed]));
  const metrics = listMetricPoints(db, { experimentId: id });
  const lossCurves = listJobs(db, { experimentId: id })
    .filter((j) => j.kind === "train")
    .map((j) => (JSON.parse(j.progress_json ?? "{}") as { detail?: { curve?: [number, number][] } }).detail?.curve);
  db.close();
  return { state, samples, again, heldout, metrics, lossCurves };
}

describe("a real study on a tiny model (trainer + node-llama-cpp on CPU)", () => {
  it("runs recursively, stores every sample and metric, and the same seed gives identical samples", async () => {
    const a = await runOnce(1);
    expect(a.state).toBe("done");
    expect(a.samples).toHaveLength(2);
    expect(a.samples.every((g) => g.length === 8)).toBe(true);
    expect(a.again).toHaveLength(1);
    expect(a.again[0]!.map((s) => s[0])).toEqual(a.samples[0]!.map((s) => s[0]));
    expect(a.again[0]!.map((s) => s[2])).not.toEqual(a.samples[0]!.map((s) => s[2]));
    // and for the 4 held-out prompts, whose records no training saw, each metric read on both sets
    expect(a.heldout).toHaveLength(2);
    expect(a.heldout.every((g) => g.length === 4)).toBe(true);
    const trainRecords = new Set(a.samples.flat().map((s) => s[0]));
    expect(a.heldout.flat().some((s) => trainRecords.has(s[0]))).toBe(false);
    expect(
      a.metrics
        .filter((m) => m.metric === "chrf@heldout" && m.design === "recursive")
        .map((m) => m.generation_index)
        .sort(),
    ).toEqual([1, 2]);
    expect(
      a.metrics
        .filter((m) => m.metric === "chrf@heldout" && m.generation_index === 0)
        .map((m) => m.design)
        .sort(),
    ).toEqual(["baseline-category", "baseline-frequent", "baseline-rule", "real"]);
    expect(
      a.metrics
        .filter((m) => m.metric === "perplexity_real")
        .map((m) => m.generation_index)
        .sort(),
    ).toEqual([0, 1, 2]);
    expect(a.metrics.find((m) => m.metric === "kl_unigram_vs_real" && m.generation_index === 1)!.value).toBeGreaterThan(0);
    // each training job stores its loss curve with its progress, up to its last step, for a window opened later
    expect(a.lossCurves).toHaveLength(2);
    for (const curve of a.lossCurves) {
      expect(curve!.length).toBeGreaterThanOrEqual(1);
      expect(curve!.every(([step, loss]) => step > 0 && loss > 0)).toBe(true);
    }
    const b = await runOnce(1);
    expect(b.samples).toEqual(a.samples);
    expect(b.heldout).toEqual(a.heldout);
  }, 300_000); // two whole studies, each generation writing for its training and its held-out prompts
});

describe("whole-report mode (the model writes description and conclusion)", () => {
  const name =
    "trains on whole reports (in a 512-token window by default), prompts with the report template, stops at a blank line, " +
    "and stores template and stops with the generation";
  it(name, async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    await importSynthetic(db, { records: 120, seed: 5, dir });
    await registerModel(db, { path: await tinyModel(), name: "tiny" });
    const spec = parseStudySpec({
      name: "r",
      models: ["tiny"],
      designs: ["recursive"],
      generations: 1,
      seeds: [2],
      trainRecords: 6,
      evalRecords: 3,
      train: { epochs: 1 },
      generate: { mode: "report", maxTokens: 24, sequences: 3 },
      metrics: { bootstrap: 20 },
    });
    const { id } = createStudy(db, { spec, source: "", versions: {} });
    expect(await runStudy(db, id, { workspaceDir: dir })).toBe("done");
    const jobs = listJobs(db, { experimentId: id });
    const train = jobs.find((j) => j.kind === "train")!;
    const pairs = readFileSync(join(dir, "studies", String(id), "train", `${train.key}.jsonl`), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { prompt: string; answer: string });
    expect(pairs).toHaveLength(6);
    for (const p of pairs) {
      expect(p.prompt).toBe(DEFAULT_TEMPLATES.report);
      expect(p.answer).toMatch(/^ .+\nЗаключение: .+\n$/s);
    }
    const generate = jobs.find((j) => j.kind === "generate")!;
    expect(JSON.parse(generate.output_json!)).toMatchObject({ promptTemplate: DEFAULT_TEMPLATES.report, stop: DEFAULT_STOPS.report });
    const samples = listSamplesOfJob(db, { jobId: generate.id });
    expect(samples).toHaveLength(6);
    expect(samples.every((s) => s.prompt === DEFAULT_TEMPLATES.report && !s.output.includes("\n\n"))).toBe(true);
    // perplexity of the 3 held-out reports, with its interval resampled from the eval's pairs
    const evaluation = JSON.parse(jobs.find((j) => j.kind === "evaluate" && j.output_json?.includes("perItem"))!.output_json!);
    expect(evaluation.perItem).toHaveLength(3);
    const perplexity = listMetricPoints(db, { experimentId: id }).find((m) => m.metric === "perplexity_real" && m.generation_index === 1)!;
    expect(perplexity.low).not.toBeNull();
    expect(perplexity.low! <= perplexity.value! && perplexity.value! <= perplexity.high!).toBe(true);
    db.close();
  });

  it("an answer longer than the training context fails the job with a message that says what to change", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    await importSynthetic(db, { records: 120, seed: 5, dir });
    await registerModel(db, { path: await tinyModel(), name: "tiny" });
    const spec = parseStudySpec({
      name: "r",
      models: ["tiny"],
      designs: ["recursive"],
      generations: 1,
      seeds: [2],
      trainRecords: 6,
      evalRecords: 3,
      train: { epochs: 1, contextSize: 256 },
      generate: { mode: "report" },
      metrics: { bootstrap: 0 },
    });
    const { id } = createStudy(db, { spec, source: "", versions: {} });
    expect(await runStudy(db, id, { workspaceDir: dir })).toBe("failed");
    expect(listJobs(db, { experimentId: id }).find((j) => j.kind === "train")!.error).toMatch(
      /longer than the context \(256 tokens\): raise train\.contextSize/,
    );
    db.close();
  });
});
