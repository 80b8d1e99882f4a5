#!/usr/bin/env node
// Bundles the Electron shell into dist/electron: main.js (ESM), preload.cjs (CommonJS, as a
// sandboxed preload must be), coreHost.js, studyWorker.js and metricsWorker.js (the utility and child processes, a worker thread).
// Native modules and node-llama-cpp stay external: they load from node_modules at run time.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new globalThis.URL("..", import.meta.url));
const external = ["electron", "better-sqlite3", "node-llama-cpp", "exceljs", "iconv-lite", "csv-parse", "yaml", "zod"];
const common = { bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: "warning", absWorkingDir: root, external };
// ESM bundles that still reach CommonJS dependencies need require()
const banner = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };

export async function buildElectron() {
  await Promise.all([
    build({
      ...common,
      format: "esm",
      banner,
      entryPoints: {
        main: "electron/main/main.ts",
        coreHost: "electron/main/coreHost.ts",
        studyWorker: "electron/core/api/studyWorker.ts",
        prepareRowsWorker: "electron/core/data/importing/prepareRowsWorker.ts",
        metricsWorker: "electron/core/metrics/metricsWorker.ts",
      },
      outdir: "dist/electron",
      outExtension: { ".js": ".js" },
    }),
    build({
      ...common,
      format: "cjs",
      external: ["electron"],
      entryPoints: { preload: "electron/preload/preload.ts" },
      outdir: "dist/electron",
      outExtension: { ".js": ".cjs" },
    }),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildElectron();
