import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";

/**
 * A worker thread running `<name>.js`, which the esbuild bundle puts beside the code that starts
 * it (scripts/build-electron.mjs: every worker is an entry point, all in one folder). From
 * TypeScript sources (tsx, vitest) the worker is `<name>.ts` in `sourceDir`, loaded through
 * tsWorkerEntry.mjs: Node 20 does not carry the parent's `--import tsx` into worker threads.
 */
export function startWorker(name: string, sourceDir: URL): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(fileURLToPath(new URL(`./${name}.js`, import.meta.url)));
  return new Worker(fileURLToPath(new URL("./tsWorkerEntry.mjs", import.meta.url)), { workerData: { entry: new URL(`./${name}.ts`, sourceDir).href } });
}
