import type { Command } from "commander";
import { openDatabase, type Db } from "../core/db/openDatabase";
import { defaultDatabasePath } from "../core/workspace/appDataDir";
import { createOutput, type Output } from "./output";

export type GlobalOptions = { db?: string; json?: boolean };

export type CommandContext = { db: Db; dbPath: string; out: Output; signal: AbortSignal };

const interrupt = new AbortController();
let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  interrupt.abort(new Error("interrupted"));
});
process.on("SIGTERM", () => interrupt.abort(new Error("terminated")));

/** Opens the workspace named by the global options, runs the command, always closes. */
export async function withContext<T>(command: Command, run: (ctx: CommandContext) => Promise<T> | T): Promise<T> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const dbPath = opts.db ?? defaultDatabasePath();
  const out = createOutput(Boolean(opts.json));
  const db = openDatabase(dbPath);
  try {
    return await run({ db, dbPath, out, signal: interrupt.signal });
  } finally {
    db.close();
  }
}
