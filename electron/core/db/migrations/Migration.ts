import type { Database } from "better-sqlite3";

/** One schema version. `up` runs inside the runner's transaction; it must not commit. */
export type Migration = {
  version: number;
  name: string;
  up: (db: Database) => void;
};
