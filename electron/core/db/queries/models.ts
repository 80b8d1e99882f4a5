import type { Db } from "../openDatabase";

export type ModelRow = {
  id: number;
  name: string;
  path: string;
  sha256: string;
  file_size: number;
  info_json: string;
  origin: "user" | "tiny-default";
  registered_at: string;
};

/** Registers a model or refreshes its facts if the path is known already. */
export function upsertModel(db: Db, args: Omit<ModelRow, "id" | "registered_at">): number {
  db.prepare(
    `INSERT INTO models (name, path, sha256, file_size, info_json, origin, registered_at)
     VALUES (@name, @path, @sha256, @file_size, @info_json, @origin, @registered_at)
     ON CONFLICT(path) DO UPDATE SET name = excluded.name, sha256 = excluded.sha256,
       file_size = excluded.file_size, info_json = excluded.info_json, origin = excluded.origin`,
  ).run({ ...args, registered_at: new Date().toISOString() });
  return (db.prepare("SELECT id FROM models WHERE path = ?").get(args.path) as { id: number }).id;
}

export function listModels(db: Db): ModelRow[] {
  return db.prepare("SELECT * FROM models ORDER BY id").all() as ModelRow[];
}

export function getModel(db: Db, args: { id: number }): ModelRow | undefined {
  return db.prepare("SELECT * FROM models WHERE id = ?").get(args.id) as ModelRow | undefined;
}

export function findModelByName(db: Db, args: { name: string }): ModelRow | undefined {
  return db.prepare("SELECT * FROM models WHERE name = ? ORDER BY id DESC LIMIT 1").get(args.name) as ModelRow | undefined;
}

export function insertAdapter(db: Db, args: { modelId: number; experimentId: number; jobId: number; path: string; sha256: string; trainJson: string }): number {
  const info = db
    .prepare("INSERT INTO adapters (model_id, experiment_id, job_id, path, sha256, train_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(args.modelId, args.experimentId, args.jobId, args.path, args.sha256, args.trainJson, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

export function findModelByPath(db: Db, args: { path: string }): ModelRow | undefined {
  return db.prepare("SELECT * FROM models WHERE path = ?").get(args.path) as ModelRow | undefined;
}

/** Names models by id, each looked up once; an id whose model was removed gets a readable stand-in. */
export function modelNamer(db: Db): (id: number) => string {
  const names = new Map<number, string>();
  return (id) => names.get(id) ?? names.set(id, getModel(db, { id })?.name ?? `model ${id}`).get(id)!;
}
