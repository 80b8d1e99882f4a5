import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { childrenCpuSeconds } from "../childrenCpu";
import { cloneCheckout } from "../cleanClone";

/** What vitest's JSON reporter says of a run, as far as this suite reads it. */
type VitestReport = { testResults: unknown[]; numPassedTests: number; numFailedTests: number; success: boolean };

/**
 * The fast tier a developer waits for after each change: `npm run test:unit` in a fresh clone of
 * this checkout's last commit after `npm ci` (node_modules shared by hard links; no native build,
 * no renderer build, nothing cached by an earlier run). Runs only when named, since it competes
 * with nothing else only on an idle machine: the load average beside it says how idle it was.
 */
export const testTiersSuite: BenchSuite = {
  name: "testTiers",
  onlyWhenNamed: true,
  async run(ctx) {
    const clone = join(ctx.tmp, "unit-tier-clone");
    cloneCheckout(clone);
    const report = join(ctx.tmp, "unit-tier.json");
    const loadBefore = loadavg()[0]!;
    const cpuBefore = childrenCpuSeconds();
    const started = performance.now();
    const run = spawnSync("npm", ["run", "-s", "test:unit", "--", "--reporter=json", `--outputFile=${report}`], {
      cwd: clone,
      stdio: ["ignore", "ignore", "inherit"],
    });
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = childrenCpuSeconds();
    const summary = JSON.parse(readFileSync(report, "utf8")) as VitestReport;
    if (run.status !== 0 || !summary.success) throw new Error(`npm run test:unit failed in the clean clone (${summary.numFailedTests} failed test(s))`);
    const what = `${summary.testResults.length} files, ${summary.numPassedTests} tests`;
    ctx.record({ name: `npm run test:unit in a clean clone after npm ci (${what}): wall time`, value: seconds, unit: "s", target: "< 90 s" });
    if (cpuBefore !== undefined && cpuAfter !== undefined) {
      ctx.record({ name: "npm run test:unit in a clean clone: CPU time of all its processes", value: cpuAfter - cpuBefore, unit: "CPU s" });
    }
    ctx.record({ name: "npm run test:unit in a clean clone: load average (1 min) before", value: loadBefore, unit: "runnable processes" });
  },
};
