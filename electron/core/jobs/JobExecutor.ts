import type { Db } from "../db/openDatabase";
import type { JobKind, JobRow } from "../db/queries/jobs";
import type { JobProgress } from "../../shared/domain/jobs";
export type { JobProgress };

export type JobExecutionContext = {
  db: Db;
  experimentId: number;
  job: JobRow;
  params: unknown;
  /** the study's own folder (adapters, checkpoints, scratch) */
  workDir: string;
  signal: AbortSignal;
  progress: (p: JobProgress) => void;
  log: (level: "info" | "warn" | "error", message: string) => void;
  /** output of a finished dependency, by job key */
  outputOf: (key: string) => unknown;
  jobIdOf: (key: string) => number;
};

/** What a job produced. `commit` writes its rows; it runs in the same transaction that marks the job done. */
export type JobResult = { output: unknown; commit?: (db: Db) => void };

export type JobExecutors = Record<JobKind, (ctx: JobExecutionContext) => Promise<JobResult>>;
