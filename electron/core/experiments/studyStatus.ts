import type { Db } from "../db/openDatabase";
import { getExperiment } from "../db/queries/experiments";
import { jobStateCounts, listJobLog, listJobs } from "../db/queries/jobs";
import type { JobProgress } from "../jobs/JobExecutor";
import type { StudyStatus } from "../../shared/domain/jobs";
export type { StudyStatus };

/** What `lab status` shows; readable from any process while a runner works. */
export function studyStatus(db: Db, args: { id: number; logLines?: number }): StudyStatus {
  const e = getExperiment(db, { id: args.id });
  if (!e) throw new Error(`no study with id ${args.id}; "lab studies" lists them`);
  const jobs = listJobs(db, { experimentId: e.id });
  const running = jobs.find((j) => j.state === "running");
  return {
    id: e.id,
    name: e.name,
    state: e.state,
    runnerPid: e.runner_pid,
    cancelRequested: e.cancel_requested_at !== null,
    jobs: jobStateCounts(db, { experimentId: e.id }),
    jobsTotal: jobs.length,
    current: running
      ? {
          key: running.key,
          kind: running.kind,
          fraction: running.progress,
          progress: running.progress_json ? (JSON.parse(running.progress_json) as JobProgress) : null,
          attempts: running.attempts,
        }
      : null,
    log: listJobLog(db, { experimentId: e.id, limit: args.logLines ?? 8 }).map((l) => ({ jobKey: l.job_key, at: l.at, level: l.level, message: l.message })),
  };
}
