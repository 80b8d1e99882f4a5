import { mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Db } from "../db/openDatabase";
import { getExperiment, type ExperimentState } from "../db/queries/experiments";
import { StudyRunner, type RunnerProgress } from "../jobs/StudyRunner";
import type { JobExecutors } from "../jobs/JobExecutor";
import { createStudyExecutors } from "./executors";
import type { StudySettings } from "./createStudy";

export type RunStudyOptions = {
  /** the folder beside the workspace database; the study's files go to studies/<id>/ */
  workspaceDir: string;
  signal?: AbortSignal;
  onProgress?: (p: RunnerProgress) => void;
  onLog?: (jobKey: string, level: string, message: string) => void;
  threads?: number;
  /** replaces the real trainer/generator (tests of the engine itself) */
  executors?: JobExecutors;
};

export function studyWorkDir(workspaceDir: string, id: number): string {
  return join(workspaceDir, "studies", String(id));
}

/** Runs (or resumes) a stored study with the real trainer, generator, evaluator and metrics. */
export async function runStudy(db: Db, id: number, options: RunStudyOptions): Promise<ExperimentState> {
  const e = getExperiment(db, { id });
  if (!e) throw new Error(`no study with id ${id}; "lab studies" lists them`);
  const workDir = studyWorkDir(options.workspaceDir, id);
  mkdirSync(workDir, { recursive: true });
  const settings = JSON.parse(e.spec_json) as StudySettings;
  // a study stored before parallelJobs runs one job at a time
  const parallelJobs = settings.spec.parallelJobs ?? 1;
  // side by side, each job gets its share of the cores, so they do not fight over them
  const threads = options.threads ?? (parallelJobs > 1 ? Math.max(1, Math.floor(availableParallelism() / parallelJobs)) : undefined);
  const executors = options.executors ?? createStudyExecutors(settings, { workDir, ...(threads ? { threads } : {}) });
  return new StudyRunner(db, id, {
    workDir,
    executors,
    parallelJobs,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onLog ? { onLog: options.onLog } : {}),
  }).run();
}
