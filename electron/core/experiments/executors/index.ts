import type { JobExecutors } from "../../jobs/JobExecutor";
import type { StudySettings } from "../createStudy";
import { evaluateExecutor } from "./evaluateExecutor";
import { generateExecutor } from "./generateExecutor";
import { metricsExecutor } from "./metricsExecutor";
import { trainExecutor } from "./trainExecutor";

/** The real work behind a study's jobs: the native trainer, node-llama-cpp, the metrics. */
export function createStudyExecutors(settings: StudySettings, options: { workDir: string; threads?: number }): JobExecutors {
  return {
    train: trainExecutor(settings, options.threads),
    generate: generateExecutor(settings, options.threads),
    evaluate: evaluateExecutor(settings, options.threads),
    metrics: metricsExecutor(settings),
  };
}
