import type { Db } from "../openDatabase";

export type SampleInsert = {
  job_id: number;
  idx: number;
  record_id: number | null;
  prompt: string;
  output: string;
  token_count: number;
  finish_reason: string;
  seed: number;
};

export type SampleRow = SampleInsert & { id: number };

export function insertSamples(db: Db, samples: Iterable<SampleInsert>): void {
  const stmt = db.prepare(
    `INSERT INTO samples (job_id, idx, record_id, prompt, output, token_count, finish_reason, seed)
     VALUES (@job_id, @idx, @record_id, @prompt, @output, @token_count, @finish_reason, @seed)`,
  );
  for (const s of samples) stmt.run(s);
}

export function deleteSamplesOfJob(db: Db, args: { jobId: number }): void {
  db.prepare("DELETE FROM samples WHERE job_id = ?").run(args.jobId);
}

export function listSamplesOfJob(db: Db, args: { jobId: number }): SampleRow[] {
  return db.prepare("SELECT * FROM samples WHERE job_id = ? ORDER BY idx").all(args.jobId) as SampleRow[];
}

/** One page of a job's samples in idx order, after `afterIdx`: lets an export walk a large job in bounded memory. */
export function listSamplesOfJobPage(db: Db, args: { jobId: number; afterIdx: number; limit: number }): SampleRow[] {
  return db.prepare("SELECT * FROM samples WHERE job_id = ? AND idx > ? ORDER BY idx LIMIT ?").all(args.jobId, args.afterIdx, args.limit) as SampleRow[];
}
