import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The versions stored with a study so it can be re-run exactly: app, node-llama-cpp, its llama.cpp. */
export function collectVersions(): Record<string, unknown> {
  const root = join(dirname(new URL(import.meta.url).pathname), "..", "..", "..");
  let nodeLlamaCpp: string | null = null;
  let llamaCpp: unknown = null;
  try {
    const pkg = require.resolve("node-llama-cpp/package.json");
    nodeLlamaCpp = (readJson(pkg).version as string) ?? null;
    llamaCpp = readJson(join(dirname(pkg), "llama", "llama.cpp.info.json")).tag ?? null;
  } catch {
    // packaged apps may not expose package.json; the runtime still reports its build
  }
  return {
    app: readJson(join(root, "package.json")).version ?? null,
    node: process.version,
    nodeLlamaCpp,
    llamaCpp,
    platform: `${process.platform}-${process.arch}`,
  };
}
