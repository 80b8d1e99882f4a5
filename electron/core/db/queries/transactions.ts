import type { Db } from "../openDatabase";

/**
 * A write transaction that may span awaits (streamed imports). better-sqlite3's db.transaction()
 * is synchronous only; this keeps the same all-or-nothing guarantee for async producers as long
 * as nothing else writes through this connection meanwhile.
 */
export async function withAsyncTransaction<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.exec("BEGIN IMMEDIATE");
  try {
    const result = await work();
    db.exec("COMMIT");
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
}
