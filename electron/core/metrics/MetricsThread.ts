import type { Worker } from "node:worker_threads";
import { startWorker } from "../workers/startWorker";
import type { GenerationMetricsInput, GenerationMetricsOptions } from "./generationMetrics";
import type { MetricValue } from "./metricNames";
import type { MetricsWorkerReply, MetricsWorkerRequest } from "./metricsWorker";

type Waiting = { resolve: (metrics: MetricValue[]) => void; reject: (error: unknown) => void };

/**
 * One metrics worker thread kept for many computations: a study's metrics jobs ask for two
 * generations' metrics each, and starting a thread (under tsx, compiling the metrics code in it
 * again) cost more than a small generation's metrics. Idle, it does not keep the process alive.
 * An abort terminates the thread, the only way to stop a computation in flight: whatever else was
 * waiting on it is rejected too, and the next computation starts a new thread.
 */
export class MetricsThread {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private seq = 0;

  compute(input: GenerationMetricsInput, options: Partial<GenerationMetricsOptions> = {}, signal?: AbortSignal): Promise<MetricValue[]> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const worker = this.running();
      const id = ++this.seq;
      const onAbort = () => this.stop(worker, signal!.reason, id);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.set(id, {
        resolve: (metrics) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(metrics);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      });
      worker.ref();
      worker.postMessage({ id, input, options } satisfies MetricsWorkerRequest);
    });
  }

  /** Ends the thread; what was waiting on it is rejected. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.stop(worker, new Error("metrics: the metrics thread was closed"));
    await worker.terminate();
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker("metricsWorker", new URL(".", import.meta.url));
    worker.on("message", (reply: MetricsWorkerReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (this.waiting.size === 0) worker.unref();
      if (reply.ok) waiting?.resolve(reply.metrics);
      else waiting?.reject(new Error(`metrics: ${reply.error}`));
    });
    worker.on("error", (error) => this.stop(worker, error));
    worker.on("exit", (code) => this.stop(worker, new Error(`metrics: the worker exited with code ${code} before replying`)));
    this.worker = worker;
    return worker;
  }

  /**
   * Terminates `worker` (if it is still this thread's) and rejects every computation waiting on it
   * with `reason`; where one computation's abort stops it, the others learn why they were stopped.
   */
  private stop(worker: Worker, reason: unknown, abortedId?: number): void {
    if (this.worker !== worker) return;
    this.worker = null;
    void worker.terminate();
    const waiting = [...this.waiting];
    this.waiting.clear();
    const stopped = new Error("metrics: another computation's abort stopped the metrics thread");
    for (const [id, w] of waiting) w.reject(abortedId === undefined || id === abortedId ? reason : stopped);
  }
}
