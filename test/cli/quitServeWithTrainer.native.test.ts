import { afterEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { openDatabase } from "../../electron/core/db/openDatabase";
import { importSynthetic } from "../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../electron/core/models/registerModel";
import { getExperiment } from "../../electron/core/db/queries/experiments";
import { listJobs } from "../../electron/core/db/queries/jobs";
import { startServe, type Served } from "../e2e/support/labServe";
import { useTempDir } from "../helpers/tempDir";
import { tinyModel } from "../helpers/tinyModel";
import { runLab } from "../helpers/runLab";

const tempDir = useTempDir();

// one generation whose training lasts several seconds on a tiny model, so Ctrl-C finds the trainer mid-way
const STUDY = {
  name: "quit",
  models: ["tiny"],
  designs: ["recursive"],
  generations: 1,
  seeds: [1],
  trainRecords: 48,
  evalRecords: 4,
  train: { epochs: 3 },
  generate: { maxTokens: 12, sequences: 4, cutOutputs: "keep" },
  metrics: { bootstrap: 0 },
};

async function call<T>(served: Served, channel: string, body: unknown): Promise<T> {
  const reply = await new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: served.port,
        path: `/api/${channel}`,
        method: "POST",
        headers: { "content-type": "application/json", "x-lab-token": served.token },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
  const envelope = JSON.parse(reply) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error?.message}`);
  return envelope.value as T;
}

/** A process that has exited; a zombie (exited, not yet reaped) counts as gone. */
function gone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return true;
  }
}

/**
 * Every live process that carries the test's marker in its environment, with its command line: the
 * serve process's descendants (the runner, its trainer) wherever they were re-parented to.
 */
function marked(marker: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(marker)) continue;
      const pid = Number(entry);
      if (!gone(pid)) found.push({ pid, cmdline: readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ") });
    } catch {
      // exited while being read, or not ours
    }
  }
  return found;
}

// a failed run leaves nothing behind: whatever still carries a marker is killed before its folder goes
const markers: string[] = [];
afterEach(() => {
  for (const m of markers.splice(0)) for (const p of marked(m)) process.kill(p.pid, "SIGKILL");
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Ctrl-C on `lab serve` while a real trainer runs", () => {
  it("serve exits 0, no runner or trainer process is left, the job is marked interrupted, and `lab resume` finishes the study", async () => {
    const dir = tempDir();
    const dbPath = join(dir, "ws.sqlite");
    const seed = openDatabase(dbPath);
    await importSynthetic(seed, { records: 300, seed: 42, dir });
    await registerModel(seed, { path: await tinyModel(), name: "tiny" });
    seed.close();
    // the API alone is tested: a folder with an index.html stands in for the built UI
    const renderer = join(dir, "renderer");
    mkdirSync(renderer);
    writeFileSync(join(renderer, "index.html"), "<!doctype html><title>stand-in</title>");

    const marker = `COLLAPSE_QUIT_TEST=${randomUUID()}`;
    markers.push(marker);
    const served = await startServe(dbPath, renderer, { COLLAPSE_QUIT_TEST: marker.split("=")[1]! });
    const serveExit = new Promise<number | null>((resolve) => served.child.once("exit", (code) => resolve(code)));
    const { id } = await call<{ id: number }>(served, "studies.create", { spec: STUDY });
    const { pid: runnerPid } = await call<{ pid: number | null }>(served, "studies.run", { id });
    expect(runnerPid).not.toBeNull();

    // wait for the runner's own trainer, past its first steps (its SIGTERM handler installed)
    const db = openDatabase(dbPath);
    let trainers: { pid: number; cmdline: string }[] = [];
    for (;;) {
      if (served.child.exitCode !== null) throw new Error(`lab serve exited early:\n${served.stderr()}`);
      const train = listJobs(db, { experimentId: id }).find((j) => j.kind === "train");
      const state = getExperiment(db, { id })!.state;
      if (train?.state === "done" || ["done", "failed", "cancelled"].includes(state))
        throw new Error(`the training ended before Ctrl-C could reach it (job ${train?.state}, study ${state}):\n${served.stderr()}`);
      trainers = marked(marker).filter((p) => p.cmdline.includes("collapse-trainer"));
      if (trainers.length > 0 && train?.state === "running" && train.progress > 0.05) break;
      await sleep(50);
    }
    const ours = marked(marker);
    expect(ours.map((p) => p.pid)).toContain(runnerPid);

    // Ctrl-C: the signal reaches `lab serve` alone (as `kill -INT`), so the runner and its trainer
    // stop because serve asks them to, not because a terminal signalled the whole group
    served.child.kill("SIGINT");
    // a guard against a hang, not a speed limit: serve's own bound is seconds (grace, then SIGKILL)
    const code = await Promise.race([serveExit, sleep(120_000).then(() => "still running after 120 s")]);
    expect(code, served.stderr()).toBe(0);
    for (const p of ours) expect({ ...p, alive: !gone(p.pid) }).toEqual({ ...p, alive: false });
    expect(marked(marker)).toEqual([]);

    const study = getExperiment(db, { id })!;
    expect(study.state).toBe("cancelled");
    expect(study.runner_pid).toBeNull();
    const jobs = listJobs(db, { experimentId: id });
    expect(jobs.find((j) => j.kind === "train")!.state).toBe("interrupted");
    expect(jobs.filter((j) => j.state === "running")).toEqual([]);
    // the trainer wrote its checkpoint on the way out, which the resume continues from
    expect(readdirSync(join(dir, "studies", String(id), "train")).some((f) => f.endsWith(".ckpt.adapter.gguf"))).toBe(true);

    const resumed = runLab(["resume", String(id), "--db", dbPath]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(getExperiment(db, { id })!.state).toBe("done");
    expect(listJobs(db, { experimentId: id }).every((j) => j.state === "done")).toBe(true);
    expect(listJobs(db, { experimentId: id }).find((j) => j.kind === "train")!.attempts).toBeGreaterThanOrEqual(2);
    db.close();
  }, 600_000);
});
