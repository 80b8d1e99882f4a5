import type { Db } from "../db/openDatabase";
import { acquireRunnerLock, getExperiment, heartbeat, releaseRunnerLock, setExperimentState, type ExperimentState } from "../db/queries/experiments";
import {
  appendJobLog,
  finishJob,
  getJobByKey,
  listJobs,
  markRunningInterrupted,
  requeueUnfinished,
  setJobProgress,
  startJob,
  stopJob,
  type JobRow,
} from "../db/queries/jobs";
import type { JobExecutionContext, JobExecutor, JobExecutors, JobProgress, JobResult } from "./JobExecutor";
import { readJobOutput, readJobParams } from "./jobSchemas";
import type { JobKind } from "../../shared/domain/jobs";
import { isProcessAlive } from "./isProcessAlive";
import { isBusyError, retryWhenBusy } from "../db/retryWhenBusy";

import type { RunnerProgress } from "../../shared/domain/jobs";
import { ApiError } from "../../shared/api/errors";
export type { RunnerProgress };

export type StudyRunnerOptions = {
  workDir: string;
  executors: JobExecutors;
  signal?: AbortSignal;
  onProgress?: (p: RunnerProgress) => void;
  onLog?: (jobKey: string, level: string, message: string) => void;
  /** how often the runner beats its heartbeat and looks for a cancel request from another process */
  pollMs?: number;
  /** jobs whose dependencies are done run side by side, at most this many at once (default 1) */
  parallelJobs?: number;
};

type Outcome = "done" | "cancelled" | "failed";

/** An ApiError of code "busy", so it reaches the window, `lab serve` and the CLI with its own type and message. */
export class StudyBusyError extends ApiError {
  constructor(
    readonly studyId: number,
    readonly holder: number,
  ) {
    super("busy", `study ${studyId} is already being run by process ${holder}; wait for it or run "lab cancel ${studyId}"`, "id");
    this.name = "StudyBusyError";
  }
}

/**
 * Runs a study's persisted jobs in dependency order. Safe against kill -9 at any point: a job's
 * outputs are committed in the same transaction that marks it done, and a job found "running"
 * at start (its runner died) runs again. One runner per study, enforced through the database.
 */
export class StudyRunner {
  constructor(
    private readonly db: Db,
    private readonly experimentId: number,
    private readonly options: StudyRunnerOptions,
  ) {}

  async run(): Promise<ExperimentState> {
    const { db, experimentId: id } = this;
    if (!getExperiment(db, { id })) throw new Error(`no study with id ${id}`);
    const lock = await this.write(() => acquireRunnerLock(db, { id, pid: process.pid, isAlive: isProcessAlive }));
    if (!lock.ok) throw new StudyBusyError(id, lock.holder);

    const abort = new AbortController();
    const outer = this.options.signal;
    const onOuterAbort = () => abort.abort(outer?.reason);
    outer?.addEventListener("abort", onOuterAbort, { once: true });
    const timer = setInterval(() => {
      try {
        if (heartbeat(db, { id, pid: process.pid }).cancelRequested) abort.abort(new Error("cancelled"));
      } catch (error) {
        // another process holds the write lock: the next beat tries again
        if (!isBusyError(error)) throw error;
        this.options.onLog?.("-", "warn", "the workspace database is busy (another process is writing); the heartbeat tries again");
      }
    }, this.options.pollMs ?? 500);

    try {
      const interrupted = await this.write(() => {
        const n = markRunningInterrupted(db, { experimentId: id });
        requeueUnfinished(db, { experimentId: id });
        setExperimentState(db, { id, state: "running" });
        return n;
      });
      if (interrupted) this.options.onLog?.("-", "warn", `${interrupted} job(s) were interrupted by a previous runner and run again`);
      const state = await this.loop(abort.signal);
      await this.write(() => setExperimentState(db, { id, state }));
      return state;
    } finally {
      clearInterval(timer);
      outer?.removeEventListener("abort", onOuterAbort);
      await this.write(() => releaseRunnerLock(db, { id, pid: process.pid }));
    }
  }

  /** A short write that waits for a busy database (another process importing, say) instead of failing the study. */
  private write<T>(work: () => T): Promise<T> {
    return retryWhenBusy(work, { onWait: (message) => this.options.onLog?.("-", "warn", message) });
  }

  /**
   * Starts every job whose dependencies are done, up to parallelJobs at once. After a failure or a
   * cancel nothing new starts; what is running ends first (a cancel stops it, a failure of another
   * job lets it finish and keep its output), so the study is left with no job marked running.
   */
  private async loop(signal: AbortSignal): Promise<ExperimentState> {
    const { db, experimentId } = this;
    const parallel = Math.max(1, this.options.parallelJobs ?? 1);
    const running = new Map<string, Promise<{ key: string; outcome: Outcome }>>();
    let stopped: Exclude<Outcome, "done"> | null = null;
    // a job's dependencies never change: each list is parsed once, not at every start
    const depsOf = new Map<string, string[]>();
    const deps = (j: JobRow) => depsOf.get(j.key) ?? depsOf.set(j.key, JSON.parse(j.depends_on_json) as string[]).get(j.key)!;
    for (;;) {
      if (signal.aborted && !stopped) stopped = "cancelled";
      if (!stopped) {
        const jobs = listJobs(db, { experimentId });
        const state = new Map(jobs.map((j) => [j.key, j.state]));
        const done = jobs.filter((j) => j.state === "done").length;
        const ready = jobs.filter((j) => j.state === "pending" && !running.has(j.key) && deps(j).every((d) => state.get(d) === "done"));
        for (const next of ready.slice(0, parallel - running.size)) {
          running.set(
            next.key,
            this.execute(next, signal, done, jobs.length).then((outcome) => ({ key: next.key, outcome })),
          );
        }
        if (running.size === 0) return jobs.every((j) => j.state === "done") ? "done" : "failed";
      }
      if (running.size === 0) return stopped!;
      const { key, outcome } = await Promise.race(running.values());
      running.delete(key);
      if (outcome !== "done" && !stopped) stopped = outcome;
    }
  }

  /** Runs the executor of the job's kind with its params and its dependencies' outputs checked against their schemas. */
  private executeTyped<K extends JobKind>(
    job: JobRow & { kind: K },
    signal: AbortSignal,
    progress: (p: JobProgress) => void,
    log: JobExecutionContext["log"],
  ): Promise<JobResult<K>> {
    const { db, experimentId, options } = this;
    const executor = options.executors[job.kind] as JobExecutor<K>;
    return executor({
      db,
      experimentId,
      job,
      params: readJobParams(job),
      workDir: options.workDir,
      signal,
      progress,
      log,
      outputOf: (key, kind) => {
        const dep = getJobByKey(db, { experimentId, key });
        if (!dep || dep.state !== "done") throw new Error(`${job.key} needs ${key}, which is not done`);
        if (dep.kind !== kind) throw new Error(`${job.key} needs ${key} as a ${kind} job, but it is a ${dep.kind} job`);
        return readJobOutput({ ...dep, kind });
      },
      jobIdOf: (key) => {
        const dep = getJobByKey(db, { experimentId, key });
        if (!dep) throw new Error(`unknown job ${key}`);
        return dep.id;
      },
    });
  }

  private async execute(job: JobRow, signal: AbortSignal, jobsDone: number, jobsTotal: number): Promise<Outcome> {
    const { db, options } = this;
    await this.write(() => startJob(db, { id: job.id }));
    /** A log line or progress note that meets a busy database is shown but not stored: the job goes on. */
    const unlessBusy = (work: () => void) => {
      try {
        work();
      } catch (error) {
        if (!isBusyError(error)) throw error;
      }
    };
    const log = (level: "info" | "warn" | "error", message: string) => {
      unlessBusy(() => appendJobLog(db, { jobId: job.id, level, message }));
      options.onLog?.(job.key, level, message);
    };
    let lastWrite = 0;
    const progress = (p: JobProgress) => {
      const now = Date.now();
      if (now - lastWrite > 500 || p.fraction >= 1) {
        lastWrite = now;
        unlessBusy(() => setJobProgress(db, { id: job.id, progress: p.fraction, detail: p }));
      }
      options.onProgress?.({ ...p, jobKey: job.key, kind: job.kind, jobsDone, jobsTotal });
    };
    log("info", `started (attempt ${job.attempts + 1})`);
    try {
      const result = await this.executeTyped(job, signal, progress, log);
      if (signal.aborted) throw signal.reason ?? new Error("cancelled");
      await this.write(() =>
        db
          .transaction(() => {
            result.commit?.(db);
            finishJob(db, { id: job.id, output: result.output });
          })
          .immediate(),
      );
      log("info", "done");
      return "done";
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (signal.aborted) {
        await this.write(() => stopJob(db, { id: job.id, state: "interrupted", error: "cancelled; resume continues from here" }));
        log("warn", "cancelled; resumable");
        return "cancelled";
      }
      await this.write(() => stopJob(db, { id: job.id, state: "failed", error: message }));
      log("error", message);
      return "failed";
    }
  }
}
