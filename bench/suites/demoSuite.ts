import { cpSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchSuite } from "../BenchResult";
import { cloneCheckout, sh } from "../cleanClone";
import { recordCpuAndLoad, timedRun } from "../timedRun";

/**
 * `npm run demo` as a newcomer runs it a second time: a fresh clone of this checkout's last commit
 * and a fresh workspace, with the native builds already made (copied from this checkout; the
 * nativeBuild suite measures them from nothing) and the default models shipped in the repository.
 * Runs it with --control, so the compute-matched control study runs after it in the same workspace.
 * Records each study's own time (the lines the demo prints), the whole command's, its CPU time and
 * the load around it. Runs only when named: the two studies take tens of minutes on 2 cores.
 */
export const demoSuite: BenchSuite = {
  name: "demo",
  onlyWhenNamed: true,
  async run(ctx) {
    const clone = join(ctx.tmp, "demo-clone");
    const ROOT = cloneCheckout(clone);
    for (const built of ["native/build", "resources/bin"]) cpSync(join(ROOT, built), join(clone, built), { recursive: true });
    // the trainer's patched source tree, where this checkout built the trainer from source (not when it came prebuilt in resources/bin)
    if (existsSync(join(ROOT, "native", ".cache"))) sh("cp", ["-al", join(ROOT, "native", ".cache"), join(clone, "native", ".cache")]);
    const log = join(ctx.tmp, "demo.log");
    ctx.log(`running npm run demo in ${clone}; its output: ${log}`);
    const run = await timedRun(`npm run -s demo -- --control --db "${join(ctx.tmp, "demo-workspace", "workspace.sqlite")}" > "${log}" 2>&1`, { cwd: clone });
    const output = readFileSync(log, "utf8");
    const done = /Study \d+: done in ([\d.]+) min/.exec(output);
    if (run.status !== 0 || !done) throw new Error(`npm run demo failed (exit code ${run.status}); the end of its output:\n${output.slice(-2000)}`);
    const jobs = [...output.matchAll(/: (\d+) jobs/g)].map((m) => m[1]);
    ctx.record({
      name: `the demo study (resources/studies/paper-demo.yaml, ${jobs[0] ?? "?"} jobs), default models built`,
      value: Number(done[1]) * 60,
      unit: "s",
      target: "≤ 1,200 s",
    });
    const control = /The compute-matched control, study \d+: done in ([\d.]+) min/.exec(output);
    if (!control) throw new Error(`the control study did not finish; the end of the output:\n${output.slice(-2000)}`);
    ctx.record({
      name: `the compute-matched control study (resources/studies/compute-matched-control.yaml, ${jobs[1] ?? "?"} jobs), after the demo`,
      value: Number(control[1]) * 60,
      unit: "s",
    });
    // what a reader checks the numbers against: the printed panel and answer, and the exported report with its samples
    const kept = join(ROOT, "bench", "tmp", "demo");
    mkdirSync(kept, { recursive: true });
    cpSync(log, join(kept, "demo.log"));
    cpSync(join(ctx.tmp, "demo-workspace", "reports"), join(kept, "reports"), { recursive: true });
    ctx.record({ name: "npm run demo -- --control in a clean clone, native builds and default models made: wall time", value: run.seconds, unit: "s" });
    recordCpuAndLoad(ctx, "npm run demo -- --control in a clean clone", run);
  },
};
