/** Worker-thread entry of MetricsThread: computes generations' metrics, one request after another, off the caller's event loop. */
import { parentPort } from "node:worker_threads";
import { generationMetrics, type GenerationMetricsInput, type GenerationMetricsOptions } from "./generationMetrics";

export type MetricsWorkerRequest = { id: number; input: GenerationMetricsInput; options: Partial<GenerationMetricsOptions> };
export type MetricsWorkerReply = { id: number } & ({ ok: true; metrics: ReturnType<typeof generationMetrics> } | { ok: false; error: string });

parentPort?.on("message", (request: MetricsWorkerRequest) => {
  let reply: MetricsWorkerReply;
  try {
    reply = { id: request.id, ok: true, metrics: generationMetrics(request.input, request.options) };
  } catch (error) {
    reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
