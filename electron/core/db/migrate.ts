import type { Database } from "better-sqlite3";
import { MIGRATIONS, SCHEMA_VERSION } from "./migrations";
import { ApiError } from "../../shared/api/errors";
import type { Migration } from "./migrations/Migration";

/** An ApiError ("not-available"), so every road says it in its own words, not as a failure. */
export class DatabaseTooNewError extends ApiError {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      "not-available",
      `${file} was written by a newer Collapse Lab (schema version ${fileVersion}; this version understands up to ${supportedVersion}). ` +
        `Update Collapse Lab to open it; the file has not been changed.`,
    );
    this.name = "DatabaseTooNewError";
  }
}

export function getUserVersion(db: Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

export function assertNotNewer(db: Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const version = getUserVersion(db);
  const latest = migrations.length > 0 ? migrations[migrations.length - 1]!.version : 0;
  if (version > latest) throw new DatabaseTooNewError(db.name, version, latest);
}

/**
 * Brings the schema up to date. All pending migrations and the version bump run in one
 * transaction, so a failure leaves the file at its old version.
 */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  assertNotNewer(db, migrations);
  const from = getUserVersion(db);
  const latest = migrations.length > 0 ? migrations[migrations.length - 1]!.version : 0;
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: latest };
}

export { SCHEMA_VERSION };
