/**
 * The project's one benchmark entry point: `npm run bench [-- --quick] [-- --keep] [-- suite ...]`.
 * Writes bench/results.json (every result of this run) and bench/RESULTS.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machineDescription, type BenchResult, type BenchSuite } from "./BenchResult";
import { importSuite } from "./suites/importSuite";
import { trainerSuite } from "./suites/trainerSuite";
import { generationSuite } from "./suites/generationSuite";
import { metricsSuite } from "./suites/metricsSuite";
import { nativeBuildSuite } from "./suites/nativeBuildSuite";
import { defaultModelsSuite } from "./suites/defaultModelsSuite";
import { formatBenchValue, writeBenchResults } from "./writeResults";
import { oneBSuite } from "./suites/oneBSuite";
import { testTiersSuite } from "./suites/testTiersSuite";
import { demoSuite } from "./suites/demoSuite";
import { freshDemoSuite } from "./suites/freshDemoSuite";

const SUITES: BenchSuite[] = [
  importSuite,
  trainerSuite,
  generationSuite,
  metricsSuite,
  nativeBuildSuite,
  defaultModelsSuite,
  oneBSuite,
  testTiersSuite,
  demoSuite,
  freshDemoSuite,
];

const args = process.argv.slice(2);
const quick = args.includes("--quick");
/** --keep: the suites' workspaces (studies, samples, models) stay for reading after the run */
const keep = args.includes("--keep");
const only = args.filter((a) => !a.startsWith("--"));
const machine = machineDescription();
const results: BenchResult[] = [];
const tmp = mkdtempSync(join(tmpdir(), "collapse-bench-"));

try {
  for (const suite of SUITES) {
    if (only.length ? !only.includes(suite.name) : suite.onlyWhenNamed) continue;
    process.stderr.write(`▶ ${suite.name}\n`);
    await suite.run({
      tmp,
      quick,
      log: (m) => process.stderr.write(`  ${m}\n`),
      record: (r) => {
        const full: BenchResult = { suite: suite.name, ...r, machine, date: new Date().toISOString() };
        results.push(full);
        process.stderr.write(`  ${r.name}: ${formatBenchValue(r.value)} ${r.unit}${r.target ? `  (target ${r.target})` : ""}\n`);
      },
    });
  }
} finally {
  if (keep) process.stderr.write(`kept the suites' workspaces in ${tmp}\n`);
  else rmSync(tmp, { recursive: true, force: true });
}

writeBenchResults(results, machine);
process.stderr.write(`wrote bench/results.json and bench/RESULTS.md (${results.length} results of this run)\n`);
