/**
 * The project's one benchmark entry point: `npm run bench [-- --quick] [-- suite ...]`.
 * Writes bench/results.json (every result of this run) and bench/RESULTS.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machineDescription, type BenchResult, type BenchSuite } from "./BenchResult";
import { importSuite } from "./suites/importSuite";
import { trainerSuite } from "./suites/trainerSuite";
import { generationSuite } from "./suites/generationSuite";
import { metricsSuite } from "./suites/metricsSuite";
import { nativeBuildSuite } from "./suites/nativeBuildSuite";
import { defaultModelsSuite } from "./suites/defaultModelsSuite";

const SUITES: BenchSuite[] = [importSuite, trainerSuite, generationSuite, metricsSuite, nativeBuildSuite, defaultModelsSuite];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.filter((a) => !a.startsWith("--"));
const machine = machineDescription();
const dir = new URL(".", import.meta.url).pathname;
const previous: BenchResult[] = existsSync(join(dir, "results.json")) ? (JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as BenchResult[]) : [];
const results: BenchResult[] = [];
const tmp = mkdtempSync(join(tmpdir(), "collapse-bench-"));

try {
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.name)) continue;
    process.stderr.write(`▶ ${suite.name}\n`);
    await suite.run({
      tmp,
      quick,
      log: (m) => process.stderr.write(`  ${m}\n`),
      record: (r) => {
        const full: BenchResult = { suite: suite.name, ...r, machine, date: new Date().toISOString() };
        if (full.baseline_value !== undefined && full.ratio === undefined) full.ratio = full.value / full.baseline_value;
        results.push(full);
        process.stderr.write(`  ${r.name}: ${fmt(r.value)} ${r.unit}${r.target ? `  (target ${r.target})` : ""}\n`);
      },
    });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3);
}

const ran = new Set(results.map((r) => r.suite));
results.unshift(...previous.filter((r) => !ran.has(r.suite)));
writeFileSync(join(dir, "results.json"), JSON.stringify(results, null, 2) + "\n");
const md = [
  "# Benchmark results",
  "",
  `Machine: ${machine}. Run: ${new Date().toISOString()}. Regenerate with \`npm run bench\`.`,
  "",
  "| benchmark | value | unit | baseline | ratio | target |",
  "|---|---:|---|---|---:|---|",
  ...results.map(
    (r) =>
      `| ${r.name} | ${fmt(r.value)} | ${r.unit} | ${r.baseline_name ? `${r.baseline_name}: ${fmt(r.baseline_value!)}` : ""} | ` +
      `${r.ratio !== undefined ? r.ratio.toFixed(2) : ""} | ${r.target ?? ""} |`,
  ),
  "",
].join("\n");
// the hand-written history below the table (how each figure moved, and why) survives a new run
const HISTORY = "\n## History";
const old = existsSync(join(dir, "RESULTS.md")) ? readFileSync(join(dir, "RESULTS.md"), "utf8") : "";
writeFileSync(join(dir, "RESULTS.md"), old.includes(HISTORY) ? md + old.slice(old.indexOf(HISTORY)) : md);
process.stderr.write(`wrote bench/results.json and bench/RESULTS.md (${results.length} results)\n`);
