import type { GenerationMetricsInput, GenerationMetricsOptions } from "./generationMetrics";
import type { MetricValue } from "./metricNames";
import { MetricsThread } from "./MetricsThread";

// one thread for the process: every metrics job of a study reuses it (MetricsThread)
const thread = new MetricsThread();

/**
 * generationMetrics in a worker thread, so a caller with a UI or other jobs on its event loop
 * never freezes for the seconds a 10,000-sample bootstrap takes. Abort terminates the worker.
 */
export function computeMetricsInWorker(
  input: GenerationMetricsInput,
  options: Partial<GenerationMetricsOptions> = {},
  signal?: AbortSignal,
): Promise<MetricValue[]> {
  return thread.compute(input, options, signal);
}
