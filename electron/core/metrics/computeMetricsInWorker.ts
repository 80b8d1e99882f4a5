import { startWorker } from "../workers/startWorker";
import type { GenerationMetricsInput, GenerationMetricsOptions } from "./generationMetrics";
import type { MetricValue } from "./metricNames";
import type { MetricsWorkerReply, MetricsWorkerRequest } from "./metricsWorker";

/**
 * generationMetrics in a worker thread, so a caller with a UI or other jobs on its event loop
 * never freezes for the seconds a 10,000-sample bootstrap takes. Abort terminates the worker.
 */
export function computeMetricsInWorker(
  input: GenerationMetricsInput,
  options: Partial<GenerationMetricsOptions> = {},
  signal?: AbortSignal,
): Promise<MetricValue[]> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const worker = startWorker("metricsWorker", new URL(".", import.meta.url));
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
