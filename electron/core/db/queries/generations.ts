import type { Db } from "../openDatabase";

export type GenerationRow = {
  id: number;
  experiment_id: number;
  design: string;
  chain: string;
  model_id: number;
  seed: number;
  generation_index: number;
  train_job_id: number;
  generate_job_id: number;
  evaluate_job_id: number | null;
};

export function insertGeneration(db: Db, args: Omit<GenerationRow, "id">): number {
  const info = db
    .prepare(
      `INSERT INTO generations (experiment_id, design, chain, model_id, seed, generation_index, train_job_id, generate_job_id, evaluate_job_id)
       VALUES (@experiment_id, @design, @chain, @model_id, @seed, @generation_index, @train_job_id, @generate_job_id, @evaluate_job_id)`,
    )
    .run(args);
  return Number(info.lastInsertRowid);
}

export function listGenerations(db: Db, args: { experimentId: number }): GenerationRow[] {
  return db
    .prepare("SELECT * FROM generations WHERE experiment_id = ? ORDER BY design, chain, seed, generation_index")
    .all(args.experimentId) as GenerationRow[];
}
