export type ExperimentState = "planned" | "running" | "paused" | "failed" | "done" | "cancelled";
export type JobState = "pending" | "running" | "interrupted" | "failed" | "done" | "cancelled";
export type JobKind = "train" | "generate" | "evaluate" | "metrics";

export type JobProgress = {
  /** 0..1 of this job */
  fraction: number;
  phase: string;
  tokensPerSecond?: number;
  etaSeconds?: number | null;
  detail?: Record<string, unknown>;
};

export type RunnerProgress = JobProgress & { jobKey: string; kind: string; jobsDone: number; jobsTotal: number };

/** What `lab status` shows; readable from any process while a runner works. */
export type StudyStatus = {
  id: number;
  name: string;
  state: ExperimentState;
  runnerPid: number | null;
  cancelRequested: boolean;
  jobs: Record<JobState, number>;
  jobsTotal: number;
  current: { key: string; kind: string; fraction: number; progress: JobProgress | null; attempts: number } | null;
  log: { jobKey: string; at: string; level: string; message: string }[];
};
