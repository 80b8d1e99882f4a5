import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import type { BenchContext } from "./BenchResult";
import { childrenCpuSeconds } from "./childrenCpu";

export type TimedRun = {
  status: number | null;
  seconds: number;
  /** CPU seconds of every process it started; undefined where /proc cannot say */
  cpuSeconds: number | undefined;
  loadBefore: number;
  loadAfter: number;
  /** the mean of the 1-minute load average sampled while it ran: how much else the machine was doing */
  meanLoad: number | undefined;
};

/** Runs `bash -c command` in `cwd` to its end, timing it and sampling the machine's load every `sampleMs`. */
export async function timedRun(
  command: string,
  options: { cwd: string; env?: NodeJS.ProcessEnv; sampleMs?: number; inheritOutput?: boolean },
): Promise<TimedRun> {
  const loadBefore = loadavg()[0]!;
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]!), options.sampleMs ?? 10_000);
  const status = await new Promise<number | null>((done, fail) => {
    const child = spawn("bash", ["-c", command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.inheritOutput ? ["ignore", "inherit", "inherit"] : "ignore",
    });
    child.on("error", fail).on("close", done);
  }).finally(() => clearInterval(sampler));
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = childrenCpuSeconds();
  return {
    status,
    seconds,
    cpuSeconds: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    loadBefore,
    loadAfter: loadavg()[0]!,
    meanLoad: loads.length ? loads.reduce((a, b) => a + b, 0) / loads.length : undefined,
  };
}

/** The rows every timed command records beside its time: its CPU time and the load around it, named by `what`. */
export function recordCpuAndLoad(ctx: BenchContext, what: string, run: TimedRun): void {
  if (run.cpuSeconds !== undefined) ctx.record({ name: `${what}: CPU time of all its processes`, value: run.cpuSeconds, unit: "CPU s" });
  ctx.record({ name: `${what}: load average (1 min) before`, value: run.loadBefore, unit: "runnable processes" });
  if (run.meanLoad !== undefined) ctx.record({ name: `${what}: mean load average (1 min) while it ran`, value: run.meanLoad, unit: "runnable processes" });
}
