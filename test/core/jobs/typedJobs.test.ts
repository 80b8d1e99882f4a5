import { describe, expect, it } from "vitest";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { migrate } from "../../../electron/core/db/migrate";
import { MIGRATIONS } from "../../../electron/core/db/migrations";
import { insertExperiment } from "../../../electron/core/db/queries/experiments";
import { getJobByKey, insertJob, listJobs } from "../../../electron/core/db/queries/jobs";
import { StudyRunner } from "../../../electron/core/jobs/StudyRunner";
import { readJobParams, StoredJobError } from "../../../electron/core/jobs/jobSchemas";
import { designKey, designsOf, parseDesignKey } from "../../../electron/shared/domain/design";
import { useTempDir } from "../../helpers/tempDir";
import { fakeExecutors } from "../../fixtures/fakeExecutors";
import { seedStudy } from "../../fixtures/seedStudy";

const tempDir = useTempDir();

describe("typed designs", () => {
  it("a design's key is made and read in one place, and round-trips", () => {
    const designs = [
      ...designsOf({ designs: ["recursive", "cross", "accumulate", "accumulate-subsample", "real-fraction"], realFractions: [0.25, 1] }),
      { kind: "real" as const },
    ];
    expect(designs).toContainEqual({ kind: "real-fraction", realFraction: 0.25 });
    expect(designs.map(designKey)).toEqual(["recursive", "cross", "accumulate", "accumulate-subsample", "real-fraction@0.25", "real-fraction@1", "real"]);
    for (const d of designs) expect(parseDesignKey(designKey(d))).toEqual(d);
  });

  it("refuses a key it does not know, naming it", () => {
    for (const key of ["recursiv", "real-fraction", "real-fraction@", "real-fraction@2", "recursive@0.5"])
      expect(() => parseDesignKey(key), key).toThrow(`unknown design "${key}"`);
  });
});

describe("typed job params and outputs", () => {
  it("a job whose stored params do not fit its kind fails, naming the job and the field, and nothing runs with them", async () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const id = insertExperiment(db, { name: "bad", specJson: "{}", specSource: "", versionsJson: "{}" });
    insertJob(db, {
      experimentId: id,
      key: "train-1",
      kind: "train",
      dependsOn: [],
      params: { model: 0, seed: 1, generation: 1, data: { real: 2, synthetic: [], size: null, sampling: "uniform" }, initFrom: null },
    });
    const ran: string[] = [];
    const executors = fakeExecutors();
    const state = await new StudyRunner(db, id, {
      workDir: "/tmp",
      executors: { ...executors, train: (ctx) => (ran.push(ctx.job.key), executors.train(ctx)) },
    }).run();
    expect(state).toBe("failed");
    expect(ran).toEqual([]);
    expect(getJobByKey(db, { experimentId: id, key: "train-1" })!.error).toMatch(/job train-1: its stored params .*data\.real/);
    db.close();
  });

  it("a dependency's output is read as the kind asked for, checked against its schema", async () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const id = seedStudy(db);
    const executors = fakeExecutors();
    // generate-1 asks for its train job's output as if it were an evaluate job
    const state = await new StudyRunner(db, id, {
      workDir: "/tmp",
      executors: { ...executors, generate: (ctx) => (ctx.outputOf(ctx.params.train, "evaluate"), executors.generate(ctx)) },
    }).run();
    expect(state).toBe("failed");
    expect(getJobByKey(db, { experimentId: id, key: "generate-1" })!.error).toBe("generate-1 needs train-1 as a evaluate job, but it is a train job");
    db.prepare("UPDATE jobs SET output_json = '{\"adapter\": 3}' WHERE key = 'train-1' AND experiment_id = ?").run(id);
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors }).run()).toBe("failed");
    expect(getJobByKey(db, { experimentId: id, key: "generate-1" })!.error).toMatch(/job train-1: its stored output .*adapter/);
    db.close();
  });

  it("a workspace written before typed designs opens: its metrics jobs' designs become typed values and its study resumes", async () => {
    const file = join(tempDir(), "old.sqlite");
    const raw = new Database(file);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw.close();
    // version 1 as the previous build wrote it: the study as seedStudy makes it, designs as text
    const v1 = new Database(file);
    v1.pragma("foreign_keys = ON");
    const id = seedStudy(v1);
    v1.prepare("UPDATE jobs SET params_json = json_set(params_json, '$.design', 'real-fraction@0.5') WHERE key = 'metrics-1'").run();
    v1.prepare("UPDATE jobs SET params_json = json_set(params_json, '$.design', 'real') WHERE key = 'metrics-2'").run();
    expect(v1.pragma("user_version", { simple: true })).toBe(1);
    v1.close();

    const db = openDatabase(file);
    const metrics = listJobs(db, { experimentId: id }).filter((j) => j.kind === "metrics");
    expect(metrics.map((j) => readJobParams(j as typeof j & { kind: "metrics" }).design)).toEqual([
      { kind: "real-fraction", realFraction: 0.5 },
      { kind: "real" },
    ]);
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors() }).run()).toBe("done");
    db.close();
  });

  it("StoredJobError says the workspace may come from another version", () => {
    expect(() => readJobParams({ key: "evaluate-1", kind: "evaluate", params_json: "{}" })).toThrow(StoredJobError);
    expect(() => readJobParams({ key: "evaluate-1", kind: "evaluate", params_json: "{}" })).toThrow(/job evaluate-1: .*model.*another version/);
  });
});
