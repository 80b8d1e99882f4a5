import { openDatabase, type Db } from "../../electron/core/db/openDatabase";

/** Every row of every table, sorted: what a store holds, whatever its file's bytes (free pages, WAL) look like. */
export function dbDump(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  const sorted = (rows: unknown[]) =>
    rows
      .map((r) => [JSON.stringify(r), r] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, r]) => r);
  return Object.fromEntries(tables.map(({ name }) => [name, sorted(db.prepare(`SELECT * FROM "${name}"`).all())]));
}

/** dbDump of a workspace file, opened and closed around it (a CLI test's view of what a command left). */
export function dbDumpOfFile(file: string): Record<string, unknown[]> {
  const db = openDatabase(file);
  try {
    return dbDump(db);
  } finally {
    db.close();
  }
}
