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

export type StudySampleRow = SampleRow & { design: string; chain: string; model: string; generation_index: number; generation_seed: number };

/** Every sample of a study with the generation it belongs to; one row per generation that reads the job. */
export function listStudySamples(db: Db, args: { experimentId: number }): StudySampleRow[] {
  return db
    .prepare(
      `SELECT s.*, g.design, g.chain, m.name AS model, g.generation_index, g.seed AS generation_seed
       FROM generations g JOIN samples s ON s.job_id = g.generate_job_id JOIN models m ON m.id = g.model_id
       WHERE g.experiment_id = ?
       ORDER BY g.design, g.chain, g.seed, g.generation_index, s.idx`,
    )
    .all(args.experimentId) as StudySampleRow[];
}
