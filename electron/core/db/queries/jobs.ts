import type { Db } from "../openDatabase";

import type { JobKind, JobState } from "../../../shared/domain/jobs";
export type { JobKind, JobState };

export type JobRow = {
  id: number;
  experiment_id: number;
  key: string;
  kind: JobKind;
  depends_on_json: string;
  params_json: string;
  state: JobState;
  progress: number;
  progress_json: string | null;
  attempts: number;
  error: string | null;
  output_json: string | null;
  started_at: string | null;
  finished_at: string | null;
};

export function insertJob(db: Db, args: { experimentId: number; key: string; kind: JobKind; dependsOn: string[]; params: unknown }): number {
  const info = db
    .prepare("INSERT INTO jobs (experiment_id, key, kind, depends_on_json, params_json) VALUES (?, ?, ?, ?, ?)")
    .run(args.experimentId, args.key, args.kind, JSON.stringify(args.dependsOn), JSON.stringify(args.params));
  return Number(info.lastInsertRowid);
}

export function listJobs(db: Db, args: { experimentId: number }): JobRow[] {
  return db.prepare("SELECT * FROM jobs WHERE experiment_id = ? ORDER BY id").all(args.experimentId) as JobRow[];
}

export function getJob(db: Db, args: { id: number }): JobRow | undefined {
  return db.prepare("SELECT * FROM jobs WHERE id = ?").get(args.id) as JobRow | undefined;
}

export function getJobByKey(db: Db, args: { experimentId: number; key: string }): JobRow | undefined {
  return db.prepare("SELECT * FROM jobs WHERE experiment_id = ? AND key = ?").get(args.experimentId, args.key) as JobRow | undefined;
}

/** Jobs left running by a runner that died: they will be redone from their last checkpoint. */
export function markRunningInterrupted(db: Db, args: { experimentId: number }): number {
  return db
    .prepare("UPDATE jobs SET state = 'interrupted', error = 'the runner stopped while this job ran' WHERE experiment_id = ? AND state = 'running'")
    .run(args.experimentId).changes;
}

export function startJob(db: Db, args: { id: number }): void {
  db.prepare("UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = ?, error = NULL WHERE id = ?").run(new Date().toISOString(), args.id);
}

export function setJobProgress(db: Db, args: { id: number; progress: number; detail: unknown }): void {
  db.prepare("UPDATE jobs SET progress = ?, progress_json = ? WHERE id = ?").run(args.progress, JSON.stringify(args.detail), args.id);
}

export function finishJob(db: Db, args: { id: number; output: unknown }): void {
  db.prepare("UPDATE jobs SET state = 'done', progress = 1, output_json = ?, finished_at = ?, error = NULL WHERE id = ?").run(
    JSON.stringify(args.output),
    new Date().toISOString(),
    args.id,
  );
}

export function stopJob(db: Db, args: { id: number; state: "interrupted" | "failed" | "cancelled"; error: string }): void {
  db.prepare("UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ?").run(args.state, args.error, new Date().toISOString(), args.id);
}

/** Makes interrupted, cancelled and failed jobs runnable again (resume). */
export function requeueUnfinished(db: Db, args: { experimentId: number }): number {
  return db.prepare("UPDATE jobs SET state = 'pending' WHERE experiment_id = ? AND state IN ('interrupted', 'cancelled', 'failed')").run(args.experimentId)
    .changes;
}

export function appendJobLog(db: Db, args: { jobId: number; level: "info" | "warn" | "error"; message: string }): void {
  db.prepare("INSERT INTO job_log (job_id, at, level, message) VALUES (?, ?, ?, ?)").run(args.jobId, new Date().toISOString(), args.level, args.message);
}

export function listJobLog(db: Db, args: { experimentId: number; limit: number }): { job_key: string; at: string; level: string; message: string }[] {
  return db
    .prepare(
      `SELECT j.key AS job_key, l.at, l.level, l.message FROM job_log l JOIN jobs j ON j.id = l.job_id
       WHERE j.experiment_id = ? ORDER BY l.id DESC LIMIT ?`,
    )
    .all(args.experimentId, args.limit)
    .reverse() as { job_key: string; at: string; level: string; message: string }[];
}

export function jobStateCounts(db: Db, args: { experimentId: number }): Record<JobState, number> {
  const out: Record<JobState, number> = { pending: 0, running: 0, interrupted: 0, failed: 0, done: 0, cancelled: 0 };
  for (const r of db.prepare("SELECT state, count(*) AS n FROM jobs WHERE experiment_id = ? GROUP BY state").all(args.experimentId) as {
    state: JobState;
    n: number;
  }[])
    out[r.state] = r.n;
  return out;
}
