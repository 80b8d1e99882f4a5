import { dirname } from "node:path";
import type { LabEvent } from "../../shared/api/events";
import { ApiError } from "../../shared/api/errors";
import type { Db } from "../db/openDatabase";
import { getExperiment } from "../db/queries/experiments";
import { assertStartable } from "./assertStartable";
import type { StudyHost } from "./HandlerContext";

/**
 * Runs studies on this process's own event loop: the CLI's host (a terminal has no window to keep
 * responsive, and kill -9 of `lab run` must stop its runner with it). The app uses StudyProcesses;
 * both answer the same handlers and emit the same events.
 */
export class StudiesInProcess implements StudyHost {
  private readonly runs = new Map<number, { abort: AbortController; done: Promise<void> }>();

  constructor(private readonly options: { db: Db; dbPath: string; emit: (event: LabEvent) => void; signal?: AbortSignal }) {}

  running(id: number): boolean {
    return this.runs.has(id);
  }

  start(id: number): { id: number; pid: number | null } {
    if (this.runs.has(id)) throw new ApiError("busy", `study ${id} is already running; wait for it or cancel it`);
    assertStartable(this.options.db, id);
    const { db, emit, signal } = this.options;
    const abort = new AbortController();
    const onAbort = () => abort.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    emit({ type: "study.state", studyId: id, state: "running", error: null });
    // loaded on first use: the runner brings node-llama-cpp and the trainer, which most commands never need
    const done = import("../experiments/runStudy")
      .then(({ runStudy }) =>
        runStudy(db, id, {
          workspaceDir: dirname(this.options.dbPath),
          signal: abort.signal,
          onProgress: (progress) => emit({ type: "study.progress", studyId: id, progress }),
          onLog: (jobKey, level, message) => emit({ type: "study.log", studyId: id, jobKey, level, message, at: new Date().toISOString() }),
        }),
      )
      .then(
        (state) => emit({ type: "study.state", studyId: id, state, error: null }),
        (error: unknown) =>
          emit({ type: "study.state", studyId: id, state: getExperiment(db, { id })?.state ?? "failed", error: ApiError.from(error).message }),
      );
    const run = { abort, done: done.finally(() => (signal?.removeEventListener("abort", onAbort), this.runs.delete(id))) };
    this.runs.set(id, run);
    return { id, pid: process.pid };
  }

  /** Waits for a run to end; its job was asked to stop through the database (cancelStudy) or the signal. */
  async stop(id: number): Promise<void> {
    await this.runs.get(id)?.done;
  }

  async stopAll(): Promise<void> {
    for (const run of this.runs.values()) run.abort.abort(new Error("the workspace is closing"));
    await Promise.all([...this.runs.values()].map((r) => r.done));
  }
}
