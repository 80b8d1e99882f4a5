/** Worker-thread entry of computeMetricsInWorker: computes one generation's metrics off the caller's event loop. */
import { parentPort } from "node:worker_threads";
import { generationMetrics, type GenerationMetricsInput, type GenerationMetricsOptions } from "./generationMetrics";

export type MetricsWorkerRequest = { input: GenerationMetricsInput; options: Partial<GenerationMetricsOptions> };
export type MetricsWorkerReply = { ok: true; metrics: ReturnType<typeof generationMetrics> } | { ok: false; error: string };

parentPort?.once("message", (request: MetricsWorkerRequest) => {
  let reply: MetricsWorkerReply;
  try {
    reply = { ok: true, metrics: generationMetrics(request.input, request.options) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
