import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ConfigOf, ResultOf, TrainerCommand, TrainerProgress } from "./trainerConfig";
import { TRAINER_EXIT } from "./trainerConfig";
import { TrainerError, TrainerStoppedError } from "./TrainerError";
import { locateTrainer } from "./locateTrainer";

export type TrainerRunOptions = {
  threads?: number;
  resume?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: TrainerProgress) => void;
  onLog?: (line: string) => void;
  /** after SIGTERM, how long the trainer may take to write its checkpoint before SIGKILL */
  killAfterMs?: number;
  binary?: string;
};

// Every trainer this process started, so none outlives it (electron/fiddle's ownership model).
const running = new Map<number, ChildProcess>();
let exitHookInstalled = false;

export function killAllTrainers(): void {
  for (const child of running.values()) child.kill("SIGKILL");
  running.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", killAllTrainers);
}

export function runningTrainers(): number[] {
  return [...running.keys()];
}

/**
 * Runs one command of the native trainer as an owned child process: writes its config, parses
 * its JSON lines, forwards progress and logs, maps exit codes to typed errors. Aborting sends
 * SIGTERM (the trainer checkpoints at the next step) and SIGKILL after a grace period.
 */
export class TrainerProcess {
  static async run<C extends TrainerCommand>(command: C, config: ConfigOf<C>, options: TrainerRunOptions = {}): Promise<ResultOf<C>> {
    const binary = options.binary ?? locateTrainer();
    options.signal?.throwIfAborted();
    const dir = mkdtempSync(join(tmpdir(), "collapse-trainer-"));
    const configPath = join(dir, `${command}.json`);
    writeFileSync(configPath, JSON.stringify(config));
    const args = [command, "--config", configPath, ...(options.resume ? ["--resume"] : []), ...(options.threads ? ["--threads", String(options.threads)] : [])];
    installExitHook();
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid !== undefined) running.set(child.pid, child);

    let result: unknown = null;
    let error: { code: string; message: string } | null = null;
    let checkpoint: string | null = null;
    const stdout = createInterface({ input: child.stdout! });
    stdout.on("line", (line) => {
      let msg: { type?: string; [k: string]: unknown };
      try {
        msg = JSON.parse(line);
      } catch {
        options.onLog?.(`(not JSON on stdout) ${line}`);
        return;
      }
      if (msg.type === "progress") options.onProgress?.(msg as unknown as TrainerProgress);
      else if (msg.type === "result") result = msg;
      else if (msg.type === "error") error = { code: String(msg.code), message: String(msg.message) };
      else if (msg.type === "checkpoint") checkpoint = String(msg.path);
    });
    createInterface({ input: child.stderr! }).on("line", (line) => options.onLog?.(line));

    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 10_000);
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });

    try {
      const [code, sig] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
        child.once("error", (e) => reject(new TrainerError(`cannot start the trainer ${binary}: ${e.message}`, null, "spawn_failed")));
        child.once("close", (c, s) => resolve([c, s]));
      });
      if (code === TRAINER_EXIT.ok && result) return result as ResultOf<C>;
      if (code === TRAINER_EXIT.stopped) throw new TrainerStoppedError(checkpoint);
      if (options.signal?.aborted) throw new TrainerStoppedError(checkpoint);
      const e = error as { code: string; message: string } | null;
      throw new TrainerError(e?.message ?? `the trainer ended with ${sig ? `signal ${sig}` : `exit code ${code}`} and no result`, code, e?.code ?? "no_result");
    } finally {
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (child.pid !== undefined) running.delete(child.pid);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
