import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../../electron/core/models/registerModel";
import { parseStudySpec, type StudySpecInput } from "../../../electron/shared/domain/study";
import { createStudy } from "../../../electron/core/experiments/createStudy";
import { runStudy } from "../../../electron/core/experiments/runStudy";
import { studyInputs } from "../../../electron/core/experiments/executors/studyInputs";
import { listJobs } from "../../../electron/core/db/queries/jobs";
import { listSamplesOfJob } from "../../../electron/core/db/queries/samples";
import { listMetricPoints } from "../../../electron/core/db/queries/metricPoints";
import { autoMaxTokens, tokenLengths } from "../../../electron/core/generate/autoMaxTokens";
import { useTempDir } from "../../helpers/tempDir";
import { tinyModel } from "../../helpers/tinyModel";

const tempDir = useTempDir();

/** A two-generation recursive study on the tiny random model, whose answers run long: most are cut at a small maxTokens. */
async function run(generate: StudySpecInput["generate"]) {
  const dir = tempDir();
  const db = openDatabase(join(dir, "ws.sqlite"));
  await importSynthetic(db, { records: 200, seed: 42, dir });
  const modelPath = await tinyModel();
  await registerModel(db, { path: modelPath, name: "tiny" });
  const spec = parseStudySpec({
    name: "t",
    models: ["tiny"],
    generations: 2,
    trainRecords: 8,
    evalRecords: 4,
    train: { epochs: 1 },
    generate: { sequences: 4, ...generate },
    metrics: { bootstrap: 0 },
  });
  const { id, settings } = createStudy(db, { spec, source: "", versions: {} });
  const state = await runStudy(db, id, { workspaceDir: dir });
  const jobs = listJobs(db, { experimentId: id });
  const job = (prefix: string) => jobs.find((j) => j.key.startsWith(prefix))!;
  const g1 = listSamplesOfJob(db, { jobId: job("generate-A1").id });
  const trainFile = join(dir, "studies", String(id), "train", `${job("train-A2").key}.jsonl`);
  const readTrain = () =>
    readFileSync(trainFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { prompt: string; answer: string });
  const result = { db, settings, modelPath, state, jobs, job, g1, readTrain, points: listMetricPoints(db, { experimentId: id }) };
  return result;
}

describe("cut outputs are handled as generate.cutOutputs says (real trainer and generator)", () => {
  it("keep: generation 2 trains on every output of generation 1, cut ones as written; cut_share counts them", async () => {
    const r = await run({ maxTokens: 3, cutOutputs: "keep" });
    expect(r.state).toBe("done");
    const cut = r.g1.filter((s) => s.finish_reason === "maxTokens");
    expect(cut.length).toBeGreaterThan(0);
    const pairs = r.readTrain();
    expect(pairs).toHaveLength(8);
    expect(pairs.map((p) => p.answer).sort()).toEqual(r.g1.map((s) => ` ${s.output.trim()}\n`).sort());
    expect((JSON.parse(r.job("train-A2").output_json!) as { cutExcluded: number }).cutExcluded).toBe(0);
    expect(r.points.find((p) => p.metric === "cut_share" && p.generation_index === 1)!.value).toBeCloseTo(cut.length / 8, 12);
    r.db.close();
  });

  it("exclude: no cut output reaches generation 2's training set, and the count is stored; all cut is a clear error", async () => {
    const r = await run({ maxTokens: 3, cutOutputs: "exclude" });
    const cut = r.g1.filter((s) => s.finish_reason === "maxTokens");
    expect(cut.length).toBeGreaterThan(0);
    if (cut.length === 8) {
      expect(r.state).toBe("failed");
      expect(r.job("train-A2").error).toMatch(/all 8 outputs it would learn from were cut at maxTokens and excluded; raise generate\.maxTokens/);
    } else {
      expect(r.state).toBe("done");
      const answers = r.readTrain().map((p) => p.answer);
      expect(answers.sort()).toEqual(
        r.g1
          .filter((s) => s.finish_reason !== "maxTokens")
          .map((s) => ` ${s.output.trim()}\n`)
          .sort(),
      );
      expect((JSON.parse(r.job("train-A2").output_json!) as { cutExcluded: number }).cutExcluded).toBe(cut.length);
    }
    r.db.close();
  });

  it('maxTokens "auto" is derived from the model\'s tokenizer and the train split, and the generate job says which it used', async () => {
    const r = await run({ maxTokens: "auto" });
    const inputs = studyInputs(r.db, r.settings);
    const { answers: lengths } = await tokenLengths(r.modelPath, {
      answers: inputs.train.map((x) => ({ prompt: inputs.prompt(x, 0), answer: inputs.answer(x) })),
      prompts: [],
    });
    const expected = autoMaxTokens(lengths);
    // a physician's conclusion is tens of tokens, its closing newline among them
    expect(Math.min(...lengths)).toBeGreaterThan(3);
    for (const key of ["generate-A1", "heldout-A1"]) expect((JSON.parse(r.job(key).output_json!) as { maxTokens: number }).maxTokens).toBe(expected);
    expect(r.g1.every((s) => s.token_count <= expected)).toBe(true);
    r.db.close();
  });
});
