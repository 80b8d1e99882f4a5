import type { Db } from "../db/openDatabase";
import type { JobKind, JobRow } from "../db/queries/jobs";
import type { JobProgress } from "../../shared/domain/jobs";
import type { OutputOf, ParamsOf } from "./jobSchemas";
export type { JobProgress };

export type JobExecutionContext<K extends JobKind = JobKind> = {
  db: Db;
  experimentId: number;
  job: JobRow;
  /** the job's params, checked against its kind's schema when read from the store */
  params: ParamsOf<K>;
  /** the study's own folder (adapters, checkpoints, scratch) */
  workDir: string;
  signal: AbortSignal;
  progress: (p: JobProgress) => void;
  log: (level: "info" | "warn" | "error", message: string) => void;
  /** output of a finished dependency of the given kind, by job key, checked against that kind's schema */
  outputOf: <D extends JobKind>(key: string, kind: D) => OutputOf<D>;
  jobIdOf: (key: string) => number;
};

/** What a job produced. `commit` writes its rows; it runs in the same transaction that marks the job done. */
export type JobResult<K extends JobKind = JobKind> = { output: OutputOf<K>; commit?: (db: Db) => void };

export type JobExecutor<K extends JobKind> = (ctx: JobExecutionContext<K>) => Promise<JobResult<K>>;
export type JobExecutors = { [K in JobKind]: JobExecutor<K> };
