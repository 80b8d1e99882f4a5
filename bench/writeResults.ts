import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchResult } from "./BenchResult";

const DIR = new URL(".", import.meta.url).pathname;

export function formatBenchValue(x: number): string {
  return Math.abs(x) >= 100 ? Math.round(x).toLocaleString("en-US") : x.toPrecision(3);
}

/**
 * Writes bench/results.json and the table of bench/RESULTS.md (a row with a baseline gets its ratio): `results` replace every earlier row of
 * the suites they come from, the other suites keep their last rows, and the hand-written history
 * below the table survives.
 */
export function writeBenchResults(results: BenchResult[], machine: string): void {
  for (const r of results) if (r.baseline_value !== undefined && r.ratio === undefined) r.ratio = r.value / r.baseline_value;
  const path = join(DIR, "results.json");
  const previous: BenchResult[] = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as BenchResult[]) : [];
  const ran = new Set(results.map((r) => r.suite));
  const all = [...previous.filter((r) => !ran.has(r.suite)), ...results];
  writeFileSync(path, JSON.stringify(all, null, 2) + "\n");
  const md = [
    "# Benchmark results",
    "",
    `Machine: ${machine}. Run: ${new Date().toISOString()}. Regenerate with \`npm run bench\`.`,
    "",
    "| benchmark | value | unit | baseline | ratio | target |",
    "|---|---:|---|---|---:|---|",
    ...all.map(
      (r) =>
        `| ${r.name} | ${formatBenchValue(r.value)} | ${r.unit} | ${r.baseline_name ? `${r.baseline_name}: ${formatBenchValue(r.baseline_value!)}` : ""} | ` +
        `${r.ratio !== undefined ? r.ratio.toFixed(2) : ""} | ${r.target ?? ""} |`,
    ),
    "",
  ].join("\n");
  const HISTORY = "\n## History";
  const mdPath = join(DIR, "RESULTS.md");
  const old = existsSync(mdPath) ? readFileSync(mdPath, "utf8") : "";
  writeFileSync(mdPath, old.includes(HISTORY) ? md + old.slice(old.indexOf(HISTORY)) : md);
}
