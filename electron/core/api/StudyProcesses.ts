import { fork, type ChildProcess } from "node:child_process";
import { GENERATION_ENV } from "../generate/generationEnv";
import { fileURLToPath } from "node:url";
import type { LabEvent } from "../../shared/api/events";
import { ApiError } from "../../shared/api/errors";
import type { Db } from "../db/openDatabase";
import { getExperiment } from "../db/queries/experiments";
import { assertStartable } from "./assertStartable";
import type { WorkerMessage } from "./workerMessages";

export type StudyProcessesOptions = {
  db: Db;
  dbPath: string;
  emit: (event: LabEvent) => void;
  /** the worker entry; default: studyWorker beside this file (.ts under tsx, .js when bundled) */
  workerScript?: string;
};

function defaultWorkerScript(): string {
  const ext = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return fileURLToPath(new URL(`./studyWorker${ext}`, import.meta.url));
}

/**
 * Owns the study runner processes (electron/fiddle style): a map of study → child process,
 * SIGTERM then SIGKILL on stop, all of them stopped when the app closes. Cancel itself goes
 * through the database (cancelStudy), so it also reaches runners started by the CLI.
 */
export class StudyProcesses {
  private readonly children = new Map<number, ChildProcess>();

  constructor(private readonly options: StudyProcessesOptions) {}

  running(id: number): boolean {
    return this.children.has(id);
  }

  start(id: number): { id: number; pid: number | null } {
    if (this.children.has(id)) throw new ApiError("busy", `study ${id} is already running; wait for it or cancel it`);
    assertStartable(this.options.db, id);

    const script = this.options.workerScript ?? defaultWorkerScript();
    const execArgv = [...process.execArgv];
    if (script.endsWith(".ts") && !execArgv.some((a) => a.includes("tsx"))) execArgv.push("--import", "tsx");
    const child = fork(script, [this.options.dbPath, String(id)], {
      execArgv,
      env: { ...process.env, ...GENERATION_ENV },
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.children.set(id, child);
    let stderr = "";
    let error: string | null = null;
    let reported = false;
    child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    child.on("message", (m: WorkerMessage) => {
      if (m.type === "progress") this.options.emit({ type: "study.progress", studyId: id, progress: m.progress });
      else if (m.type === "log") this.options.emit({ type: "study.log", studyId: id, jobKey: m.jobKey, level: m.level, message: m.message, at: m.at });
      else if (m.type === "error") error = m.message;
      else if (m.type === "done") {
        reported = true;
        this.options.emit({ type: "study.state", studyId: id, state: m.state, error: null });
      }
    });
    child.on("exit", (code, signal) => {
      this.children.delete(id);
      if (reported) return;
      const why =
        error ??
        (signal
          ? `the runner was stopped (${signal})`
          : `the runner exited with code ${code}${stderr ? `: ${stderr.trim().split("\n").slice(-3).join(" ")}` : ""}`);
      this.options.emit({ type: "study.state", studyId: id, state: this.stateOf(id) ?? "failed", error: why });
    });
    this.options.emit({ type: "study.state", studyId: id, state: "running", error: null });
    return { id, pid: child.pid ?? null };
  }

  private stateOf(id: number) {
    return getExperiment(this.options.db, { id })?.state;
  }

  /** Waits for a runner to exit; SIGTERM after graceMs, SIGKILL after twice that. */
  async stop(id: number, graceMs = 20_000): Promise<void> {
    const child = this.children.get(id);
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const term = setTimeout(() => child.kill("SIGTERM"), graceMs);
    const kill = setTimeout(() => child.kill("SIGKILL"), 2 * graceMs);
    await exited;
    clearTimeout(term);
    clearTimeout(kill);
  }

  /** The app is closing: every runner gets SIGTERM (the trainer checkpoints), then SIGKILL. */
  async stopAll(graceMs = 5_000): Promise<void> {
    const ids = [...this.children.keys()];
    for (const id of ids) this.children.get(id)?.kill("SIGTERM");
    await Promise.all(ids.map((id) => this.stop(id, graceMs)));
  }
}
