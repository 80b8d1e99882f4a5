import { describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase, type Db } from "../../electron/core/db/openDatabase";
import { importSynthetic } from "../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../electron/core/models/registerModel";
import { listJobs, type JobRow } from "../../electron/core/db/queries/jobs";
import { listSamplesOfJob } from "../../electron/core/db/queries/samples";
import { listMetricPoints } from "../../electron/core/db/queries/metricPoints";
import { useTempDir } from "../helpers/tempDir";
import { tinyModel } from "../helpers/tinyModel";
import { runLab } from "../helpers/runLab";
import { cancelStudy } from "../../electron/core/experiments/cancelStudy";

const tempDir = useTempDir();

// long enough per job that a poll every 25 ms finds each phase under way
const STUDY = {
  name: "crash",
  models: ["tiny"],
  designs: ["recursive"],
  generations: 2,
  seeds: [1],
  trainRecords: 48,
  evalRecords: 4,
  train: { epochs: 3 },
  generate: { maxTokens: 24, sequences: 4, cutOutputs: "keep" },
  metrics: { bootstrap: 0 },
};

async function workspace(): Promise<{ dir: string; db: string; study: string }> {
  const dir = tempDir();
  const file = join(dir, "ws.sqlite");
  const db = openDatabase(file);
  await importSynthetic(db, { records: 300, seed: 42, dir });
  await registerModel(db, { path: await tinyModel(), name: "tiny" });
  db.close();
  const study = join(dir, "study.json");
  writeFileSync(study, JSON.stringify(STUDY));
  return { dir, db: file, study };
}

function lab(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--env-file=electron/cli/generation.env", "--import", "tsx", "electron/cli/main.ts", ...args], {
    stdio: ["ignore", "ignore", "pipe"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

async function waitForJob(db: Db, what: (j: JobRow) => boolean, child: ChildProcess): Promise<JobRow> {
  for (;;) {
    const job = listJobs(db, { experimentId: 1 }).find(what);
    if (job) return job;
    if (child.exitCode !== null) throw new Error("the study ended before the awaited job ran");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every sample text per job, and every metric value: what an interrupted study must reproduce. */
function results(file: string) {
  const db = openDatabase(file);
  const jobs = listJobs(db, { experimentId: 1 });
  const samples = Object.fromEntries(jobs.filter((j) => j.kind === "generate").map((j) => [j.key, listSamplesOfJob(db, { jobId: j.id }).map((s) => s.output)]));
  const metrics = listMetricPoints(db, { experimentId: 1 })
    .map((m) => `${m.model} ${m.design} ${m.generation_index} ${m.metric} ${m.value}`)
    .sort();
  const states = jobs.map((j) => j.state);
  db.close();
  return { samples, metrics, states, jobs };
}

describe("a real study (trainer + node-llama-cpp) interrupted from outside, as a user would", () => {
  const name =
    "kill -9 during training and during generation, cancel from another process: resume ends with exactly the samples and metrics of an uninterrupted run";
  it(
    name,
    async () => {
      const ref = await workspace();
      expect(runLab(["run", ref.study, "--db", ref.db]).status).toBe(0);
      const reference = results(ref.db);
      expect(reference.states.every((s) => s === "done")).toBe(true);

      const ws = await workspace();
      const db = openDatabase(ws.db);
      const runningTraining = (j: JobRow) => j.kind === "train" && j.state === "running" && j.progress > 0.2;
      const runningGeneration = (j: JobRow) => j.kind === "generate" && j.state === "running" && j.progress > 0;

      // 1. kill -9 while the trainer is mid-way: the orphaned trainer notices, checkpoints and exits
      let child = lab(["run", ws.study, "--db", ws.db]);
      const training = await waitForJob(db, runningTraining, child);
      child.kill("SIGKILL");
      await exited(child);
      const checkpoint = join(ws.dir, "studies", "1", "train", `${training.key}.gguf.ckpt.adapter.gguf`);
      for (let i = 0; i < 100 && !existsSync(checkpoint); i++) await new Promise((r) => setTimeout(r, 50));
      expect(existsSync(checkpoint)).toBe(true);

      // 2. resume, then kill -9 during generation
      child = lab(["resume", "1", "--db", ws.db]);
      const generating = await waitForJob(db, runningGeneration, child);
      child.kill("SIGKILL");
      await exited(child);

      // 3. resume, then cancel from this (another) process while a job runs: the runner exits 3 and
      //    leaves the job resumable
      child = lab(["resume", "1", "--db", ws.db]);
      const killed = [training.key, generating.key];
      const running = await waitForJob(db, (j) => (runningTraining(j) || runningGeneration(j)) && !killed.includes(j.key), child);
      expect(await cancelStudy(db, { id: 1 })).toMatchObject({ wasRunning: true, state: "cancelled" });
      expect(await exited(child)).toBe(3);
      expect(listJobs(db, { experimentId: 1 }).find((j) => j.id === running.id)!.state).toBe("interrupted");

      // 4. resume to the end
      expect(runLab(["resume", "1", "--db", ws.db]).status).toBe(0);
      db.close();
      const after = results(ws.db);
      expect(after.states.every((s) => s === "done")).toBe(true);
      expect(after.jobs.find((j) => j.key === training.key)!.attempts).toBeGreaterThanOrEqual(2);
      expect(after.samples).toEqual(reference.samples);
      expect(after.metrics).toEqual(reference.metrics);
    },
    600_000,
  );
});
