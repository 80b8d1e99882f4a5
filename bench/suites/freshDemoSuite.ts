import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { cloneCheckout } from "../cleanClone";
import { recordCpuAndLoad, timedRun } from "../timedRun";

/**
 * What a newcomer waits for, as one run: a clean clone of this checkout's last commit, `npm ci`
 * (from the registry or npm's cache, install scripts as package.json allows them), then
 * `npm run demo`, which builds the native trainer and binding from nothing and copies the default
 * models shipped in the repository. Records each step and the whole. Runs only when named: it takes
 * about 20 minutes, half the budget of 40 on 2 cores.
 */
export const freshDemoSuite: BenchSuite = {
  name: "freshDemo",
  onlyWhenNamed: true,
  async run(ctx) {
    const clone = join(ctx.tmp, "fresh-clone");
    const log = join(ctx.tmp, "fresh-demo.log");
    const started = performance.now();
    const root = cloneCheckout(clone, { withModules: false });
    ctx.log(`npm ci && npm run demo in ${clone}; the output: ${log}`);
    // as a newcomer's shell has it: nothing of this checkout's build settings
    const { COLLAPSE_BUILD_JOBS: _, ...env } = process.env;
    const install = await timedRun(`npm ci --no-audit --no-fund > "${log}" 2>&1`, { cwd: clone, env });
    if (install.status !== 0) throw new Error(`npm ci failed (exit code ${install.status}); see ${log}`);
    const demo = await timedRun(`npm run -s demo -- --db "${join(ctx.tmp, "fresh-workspace", "workspace.sqlite")}" >> "${log}" 2>&1`, { cwd: clone, env });
    const total = (performance.now() - started) / 1000;
    const output = readFileSync(log, "utf8");
    const done = /Study \d+: done in ([\d.]+) min/.exec(output);
    if (demo.status !== 0 || !done) throw new Error(`npm run demo failed (exit code ${demo.status}); the end of its output:\n${output.slice(-2000)}`);
    const kept = join(root, "bench", "tmp", "fresh-demo");
    mkdirSync(kept, { recursive: true });
    cpSync(log, join(kept, "fresh-demo.log"));
    ctx.record({ name: "a clean clone: npm ci", value: install.seconds, unit: "s" });
    ctx.record({ name: "a clean clone: npm run demo after npm ci (native builds from nothing, shipped default models)", value: demo.seconds, unit: "s" });
    ctx.record({ name: "a clean clone: the demo study within it", value: Number(done[1]) * 60, unit: "s", target: "≤ 1,200 s" });
    ctx.record({ name: "a clean clone: git clone && npm ci && npm run demo, one run", value: total, unit: "s", target: "≤ 2,400 s" });
    recordCpuAndLoad(ctx, "a clean clone's npm run demo", demo);
  },
};
