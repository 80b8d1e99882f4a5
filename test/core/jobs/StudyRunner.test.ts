import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { StudyRunner, StudyBusyError } from "../../../electron/core/jobs/StudyRunner";
import { listJobs, listJobLog } from "../../../electron/core/db/queries/jobs";
import { getExperiment, requestCancel } from "../../../electron/core/db/queries/experiments";
import { useTempDir } from "../../helpers/tempDir";
import { fakeExecutors } from "../../fixtures/fakeExecutors";
import { seedStudy } from "../../fixtures/seedStudy";

const tempDir = useTempDir();

function outputs(db: ReturnType<typeof openDatabase>, id: number) {
  return Object.fromEntries(listJobs(db, { experimentId: id }).map((j) => [j.key, j.output_json]));
}

async function referenceOutputs() {
  const db = openDatabase(join(tempDir(), "ref.sqlite"));
  const id = seedStudy(db);
  await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors() }).run();
  const out = outputs(db, id);
  db.close();
  return out;
}

/** The order jobs start and end in, from the runner's own log (timestamps can tie within a millisecond). */
function startsAndEnds() {
  const events: string[] = [];
  const onLog = (key: string, _level: string, message: string) => {
    if (message.startsWith("started")) events.push(`start ${key}`);
    if (message === "done") events.push(`done ${key}`);
  };
  return { events, onLog };
}

function expectDependenciesFirst(events: string[], jobs: ReturnType<typeof listJobs>) {
  for (const j of jobs)
    for (const dep of JSON.parse(j.depends_on_json) as string[])
      expect(events.indexOf(`done ${dep}`), `${dep} ends before ${j.key} starts`).toBeLessThan(events.indexOf(`start ${j.key}`));
}

describe("StudyRunner", () => {
  it("runs every job in dependency order and records outputs with the state", async () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const id = seedStudy(db);
    const { events, onLog } = startsAndEnds();
    const state = await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors(), onLog }).run();
    expect(state).toBe("done");
    expect(getExperiment(db, { id })!.state).toBe("done");
    const jobs = listJobs(db, { experimentId: id });
    expect(jobs.every((j) => j.state === "done" && j.output_json !== null)).toBe(true);
    expect(events.filter((e) => e.startsWith("start")).sort()).toEqual(jobs.map((j) => `start ${j.key}`).sort());
    expectDependenciesFirst(events, jobs);
    // one job at a time: each job ends before the next starts
    expect(events.every((e, i) => e.startsWith(i % 2 === 0 ? "start" : "done"))).toBe(true);
    db.close();
  });

  it("parallelJobs 2: ready jobs run side by side, never more than 2, never before their dependencies, with a one-at-a-time run's outputs", async () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const id = seedStudy(db);
    const { events, onLog } = startsAndEnds();
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors(60), onLog, parallelJobs: 2 }).run()).toBe("done");
    let now = 0;
    let most = 0;
    for (const e of events) {
      now += e.startsWith("start") ? 1 : -1;
      most = Math.max(most, now);
    }
    // after train-1, generate-1 and evaluate-1 are both ready
    expect(most).toBe(2);
    expect(events.indexOf("start evaluate-1")).toBeLessThan(events.indexOf("done generate-1"));
    expectDependenciesFirst(events, listJobs(db, { experimentId: id }));
    expect(outputs(db, id)).toEqual(await referenceOutputs());
    db.close();
  });

  it("parallelJobs 2: a failure starts nothing new, lets the job beside it finish and keep its output; resume completes", async () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const id = seedStudy(db);
    // generate-1 fails at once while evaluate-1, started beside it, takes 300 ms
    const executors = fakeExecutors(0, "generate-1");
    const slow = executors.evaluate;
    executors.evaluate = async (ctx) => (await new Promise((r) => setTimeout(r, 300)), slow(ctx));
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors, parallelJobs: 2 }).run()).toBe("failed");
    const state = Object.fromEntries(listJobs(db, { experimentId: id }).map((j) => [j.key, j.state]));
    expect(state).toMatchObject({ "train-1": "done", "generate-1": "failed", "evaluate-1": "done", "metrics-1": "pending", "train-2": "pending" });
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors(0, "generate-1"), parallelJobs: 2 }).run()).toBe("done");
    expect(outputs(db, id)).toEqual(await referenceOutputs());
    db.close();
  });

  it("stops on a failure and a resume finishes with the same outputs", async () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const id = seedStudy(db);
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors(0, "train-2") }).run()).toBe("failed");
    const failed = listJobs(db, { experimentId: id }).find((j) => j.key === "train-2")!;
    expect(failed.state).toBe("failed");
    expect(failed.error).toMatch(/planned failure/);
    expect(listJobLog(db, { experimentId: id, limit: 100 }).some((l) => l.level === "error")).toBe(true);
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors(0, "train-2") }).run()).toBe("done");
    expect(outputs(db, id)).toEqual(await referenceOutputs());
    db.close();
  });

  it("cancel from another connection stops the running job mid-job; resume completes", async () => {
    const file = join(tempDir(), "ws.sqlite");
    const db = openDatabase(file);
    const id = seedStudy(db);
    const other = openDatabase(file);
    // cancel once train-1 runs; it would take 20 minutes, so "cancelled" can only mean it was stopped mid-job
    const onLog = (key: string, _level: string, message: string) => key === "train-1" && message.startsWith("started") && requestCancel(other, { id });
    const state = await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors(1_200_000), pollMs: 100, onLog }).run();
    expect(state).toBe("cancelled");
    expect(listJobs(db, { experimentId: id }).find((j) => j.key === "train-1")!.state).toBe("interrupted");
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors() }).run()).toBe("done");
    expect(outputs(db, id)).toEqual(await referenceOutputs());
    other.close();
    db.close();
  });

  it("refuses a second runner while a live process holds the study", async () => {
    const file = join(tempDir(), "ws.sqlite");
    const db = openDatabase(file);
    const id = seedStudy(db);
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/runFakeStudy.ts", file, String(id), "5000"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("started") && resolve()));
    await expect(new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors() }).run()).rejects.toThrow(StudyBusyError);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    db.close();
  });

  it("survives kill -9 of the runner mid-job: resume loses no finished job and ends as an uninterrupted run", async () => {
    const file = join(tempDir(), "ws.sqlite");
    const db = openDatabase(file);
    const id = seedStudy(db);
    const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/runFakeStudy.ts", file, String(id), "400"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let log = "";
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (d: Buffer) => {
        log += d.toString();
        if (log.includes("train-2: started")) resolve();
      }),
    );
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const before = listJobs(db, { experimentId: id });
    expect(before.find((j) => j.key === "generate-1")!.state).toBe("done");
    expect(before.find((j) => j.key === "train-2")!.state).toBe("running");
    const doneBefore = Object.fromEntries(before.filter((j) => j.state === "done").map((j) => [j.key, j.output_json]));
    expect(await new StudyRunner(db, id, { workDir: "/tmp", executors: fakeExecutors() }).run()).toBe("done");
    const after = outputs(db, id);
    for (const [k, v] of Object.entries(doneBefore)) expect(after[k]).toBe(v);
    expect(after).toEqual(await referenceOutputs());
    expect(listJobs(db, { experimentId: id }).find((j) => j.key === "train-2")!.attempts).toBe(2);
    db.close();
  });
});
