import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

let cached: string | undefined;

/** chart.js's own browser bundle, embedded into reports; its package exports only the module builds, so it is found beside them. */
export function readChartJs(): string {
  cached ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js"), "utf8");
  return cached;
}
