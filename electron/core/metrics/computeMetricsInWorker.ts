import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";
import type { GenerationMetricsInput, GenerationMetricsOptions } from "./generationMetrics";
import type { MetricValue } from "./metricNames";
import type { MetricsWorkerReply, MetricsWorkerRequest } from "./metricsWorker";

/** metricsWorker.js beside the esbuild bundle (scripts/build-electron.mjs); from sources, the .ts through tsWorkerEntry.mjs. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts")) return new Worker(fileURLToPath(new URL("./metricsWorker.js", import.meta.url)));
  return new Worker(fileURLToPath(new URL("./tsWorkerEntry.mjs", import.meta.url)), { workerData: { entry: new URL("./metricsWorker.ts", import.meta.url).href } });
}

/**
 * generationMetrics in a worker thread, so a caller with a UI or other jobs on its event loop
 * never freezes for the seconds a 10,000-sample bootstrap takes. Abort terminates the worker.
 */
export function computeMetricsInWorker(input: GenerationMetricsInput, options: Partial<GenerationMetricsOptions> = {}, signal?: AbortSignal): Promise<MetricValue[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = startWorker();
    const onAbort = () => {
      void worker.terminate();
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const done = () => signal?.removeEventListener("abort", onAbort);
    worker.once("message", (reply: MetricsWorkerReply) => {
      done();
      void worker.terminate();
      if (reply.ok) resolve(reply.metrics);
      else reject(new Error(`metrics: ${reply.error}`));
    });
    worker.once("error", (error) => {
      done();
      reject(error);
    });
    worker.once("exit", (code) => {
      done();
      // after a reply this settles nothing: the promise is already resolved
      reject(new Error(`metrics: the worker exited with code ${code} before replying`));
    });
    worker.postMessage({ input, options } satisfies MetricsWorkerRequest);
  });
}
