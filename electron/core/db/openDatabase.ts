import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { assertNotNewer, migrate } from "./migrate";

export type Db = Database.Database;

export type OpenDatabaseOptions = {
  readonly?: boolean;
  /** path to a better_sqlite3.node built for another ABI (Electron); tests and the CLI use the Node build */
  nativeBinding?: string;
};

/** Opens (creating if needed) a workspace database: WAL, foreign keys, schema migrated. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (file !== ":memory:" && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    // Refuse a newer file before touching it: even switching it to WAL would change its bytes.
    assertNotNewer(db);
    if (!options.readonly) {
      db.pragma("journal_mode = WAL");
      db.pragma("synchronous = NORMAL");
      migrate(db);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
