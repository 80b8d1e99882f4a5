import { spawn } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { childrenCpuSeconds } from "../childrenCpu";
import { cloneCheckout } from "../cleanClone";

const ROOT = resolve(import.meta.dirname, "..", "..");

/**
 * What a newcomer waits for once: `npm run build:native` in a fresh clone of this checkout's last
 * commit, after `npm ci` (node_modules shared by hard links, node-llama-cpp copied since its build
 * writes into it, and nothing built). Not in `--quick`. The load average beside it says how much
 * else the machine was doing, and the build's CPU time what it would take on idle cores.
 * `COLLAPSE_BENCH_NATIVE_CLONE=<dir>` clones into that (new) folder and keeps it, built, to test.
 */
export const nativeBuildSuite: BenchSuite = {
  name: "nativeBuild",
  async run(ctx) {
    if (ctx.quick) return ctx.log("skipped in --quick (a clean native build takes minutes)");
    const clone = process.env.COLLAPSE_BENCH_NATIVE_CLONE || join(ctx.tmp, "clean-clone");
    cloneCheckout(clone);
    rmSync(join(clone, "node_modules", "node-llama-cpp"), { recursive: true });
    // what npm ci leaves: nothing built (the source tree and the builds are not copied at all)
    const source = join(ROOT, "node_modules", "node-llama-cpp");
    const built = ["llama/localBuilds", "llama/llama.cpp", "llama/lastBuild.json"].map((p) => join(source, p));
    cpSync(source, join(clone, "node_modules", "node-llama-cpp"), { recursive: true, filter: (from) => !built.includes(from) });
    const loadBefore = loadavg()[0]!;
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    const { COLLAPSE_BUILD_JOBS: _, ...env } = process.env;
    // the load while it builds, sampled every 5 s: the figure that says how far the wall time is from an idle machine's
    const loads: number[] = [];
    const sampler = setInterval(() => loads.push(loadavg()[0]!), 5000);
    const status = await new Promise<number | null>((done, fail) => {
      const child = spawn(process.execPath, ["--import", "tsx", "native/scripts/buildNative.ts"], { cwd: clone, stdio: ["ignore", "inherit", "inherit"], env });
      child.on("error", fail).on("close", done);
    }).finally(() => clearInterval(sampler));
    const seconds = (performance.now() - started) / 1000;
    if (status !== 0) throw new Error(`the clean native build failed with exit code ${status}`);
    ctx.record({ name: "native builds from a clean clone (trainer + CPU binding, npm run build:native)", value: seconds, unit: "s", target: "≤ 240 s" });
    const cpuAfter = childrenCpuSeconds();
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      const cpu = cpuAfter - cpuBefore;
      ctx.record({ name: "native builds from a clean clone: CPU time of all their processes", value: cpu, unit: "CPU s" });
      // what a newcomer on 2 idle cores waits at least: the one-core stretches (clone, configure, links) come on top
      ctx.record({
        name: "native builds from a clean clone: CPU time / 2 (2 idle cores, before one-core stretches)",
        value: cpu / 2,
        unit: "s",
        target: "≤ 240 s",
      });
    }
    ctx.record({ name: "native builds from a clean clone: load average (1 min) before", value: loadBefore, unit: "runnable processes" });
    ctx.record({ name: "native builds from a clean clone: load average (1 min) after", value: loadavg()[0]!, unit: "runnable processes" });
    if (loads.length > 0)
      ctx.record({
        name: "native builds from a clean clone: load average (1 min) while building, mean of 5 s samples",
        value: loads.reduce((a, b) => a + b, 0) / loads.length,
        unit: "runnable processes",
      });
  },
};
