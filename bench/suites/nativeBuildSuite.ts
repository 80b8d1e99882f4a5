import { cpSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { cloneCheckout } from "../cleanClone";
import { recordCpuAndLoad, timedRun } from "../timedRun";

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
    const { COLLAPSE_BUILD_JOBS: _, ...env } = process.env;
    const run = await timedRun(`"${process.execPath}" --import tsx native/scripts/buildNative.ts`, { cwd: clone, env, sampleMs: 5000, inheritOutput: true });
    if (run.status !== 0) throw new Error(`the clean native build failed with exit code ${run.status}`);
    ctx.record({ name: "native builds from a clean clone (trainer + CPU binding, npm run build:native)", value: run.seconds, unit: "s", target: "≤ 240 s" });
    const what = "native builds from a clean clone";
    recordCpuAndLoad(ctx, what, run);
    // what a newcomer on 2 idle cores waits at least: the one-core stretches (clone, configure, links) come on top
    if (run.cpuSeconds !== undefined)
      ctx.record({ name: `${what}: CPU time / 2 (2 idle cores, before one-core stretches)`, value: run.cpuSeconds / 2, unit: "s", target: "≤ 240 s" });
    ctx.record({ name: `${what}: load average (1 min) after`, value: run.loadAfter, unit: "runnable processes" });
  },
};
