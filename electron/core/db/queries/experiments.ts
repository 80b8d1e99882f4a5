import type { Db } from "../openDatabase";

import type { ExperimentState } from "../../../shared/domain/jobs";
export type { ExperimentState };

export type ExperimentRow = {
  id: number;
  name: string;
  spec_json: string;
  spec_source: string;
  versions_json: string;
  state: ExperimentState;
  created_at: string;
  runner_pid: number | null;
  runner_heartbeat_at: string | null;
  cancel_requested_at: string | null;
};

export function insertExperiment(db: Db, args: { name: string; specJson: string; specSource: string; versionsJson: string }): number {
  const info = db
    .prepare("INSERT INTO experiments (name, spec_json, spec_source, versions_json, created_at) VALUES (?, ?, ?, ?, ?)")
    .run(args.name, args.specJson, args.specSource, args.versionsJson, new Date().toISOString());
  return Number(info.lastInsertRowid);
}

export function getExperiment(db: Db, args: { id: number }): ExperimentRow | undefined {
  return db.prepare("SELECT * FROM experiments WHERE id = ?").get(args.id) as ExperimentRow | undefined;
}

export function listExperiments(db: Db): ExperimentRow[] {
  return db.prepare("SELECT * FROM experiments ORDER BY id").all() as ExperimentRow[];
}

export function setExperimentState(db: Db, args: { id: number; state: ExperimentState }): void {
  db.prepare("UPDATE experiments SET state = ? WHERE id = ?").run(args.state, args.id);
}

/**
 * Takes the study's runner lock unless a live runner holds it. `isAlive` decides whether the
 * recorded pid still runs (kill -9 leaves a stale pid behind; it must not block a resume).
 */
export function acquireRunnerLock(db: Db, args: { id: number; pid: number; isAlive: (pid: number) => boolean }): { ok: true } | { ok: false; holder: number } {
  return db
    .transaction(() => {
      const row = db.prepare("SELECT runner_pid FROM experiments WHERE id = ?").get(args.id) as { runner_pid: number | null } | undefined;
      if (!row) throw new Error(`no study with id ${args.id}`);
      if (row.runner_pid !== null && row.runner_pid !== args.pid && args.isAlive(row.runner_pid)) return { ok: false as const, holder: row.runner_pid };
      db.prepare("UPDATE experiments SET runner_pid = ?, runner_heartbeat_at = ?, cancel_requested_at = NULL WHERE id = ?").run(
        args.pid,
        new Date().toISOString(),
        args.id,
      );
      return { ok: true as const };
    })
    .immediate();
}

export function releaseRunnerLock(db: Db, args: { id: number; pid: number }): void {
  db.prepare("UPDATE experiments SET runner_pid = NULL WHERE id = ? AND runner_pid = ?").run(args.id, args.pid);
}

export function heartbeat(db: Db, args: { id: number; pid: number }): { cancelRequested: boolean } {
  db.prepare("UPDATE experiments SET runner_heartbeat_at = ? WHERE id = ? AND runner_pid = ?").run(new Date().toISOString(), args.id, args.pid);
  const row = db.prepare("SELECT cancel_requested_at FROM experiments WHERE id = ?").get(args.id) as { cancel_requested_at: string | null };
  return { cancelRequested: row.cancel_requested_at !== null };
}

export function requestCancel(db: Db, args: { id: number }): void {
  db.prepare("UPDATE experiments SET cancel_requested_at = ? WHERE id = ?").run(new Date().toISOString(), args.id);
}
