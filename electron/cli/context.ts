import type { Command } from "commander";
import { resolve } from "node:path";
import { openApi } from "../core/api/openApi";
import { dispatch } from "../core/api/createHandlers";
import { defaultDatabasePath } from "../core/workspace/appDataDir";
import type { Channel } from "../shared/api/channels";
import type { RequestOf, ResponseOf } from "../shared/api/contract";
import { unwrap } from "../shared/api/errors";
import type { LabEvent } from "../shared/api/events";
import { createOutput, type Output } from "./output";

export type GlobalOptions = { db?: string; json?: boolean };

/** One call through the app's handlers, as the window and `lab serve` make it: validated, answered as an envelope, unwrapped. */
export type Call = <C extends Channel>(channel: C, args: RequestOf<C>) => Promise<ResponseOf<C>>;

export type CommandContext = {
  call: Call;
  /** the handlers' event stream (progress, study state); returns the unsubscribe function */
  onEvent: (listener: (event: LabEvent) => void) => () => void;
  dbPath: string;
  out: Output;
  signal: AbortSignal;
};

const interrupt = new AbortController();
let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  interrupt.abort(new Error("interrupted"));
});
process.on("SIGTERM", () => interrupt.abort(new Error("terminated")));

/** Opens the workspace named by the global options with the app's handlers (studies run in this process), runs the command, always closes. */
export async function withApi<T>(command: Command, run: (ctx: CommandContext) => Promise<T> | T): Promise<T> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const dbPath = resolve(opts.db ?? defaultDatabasePath());
  const out = createOutput(Boolean(opts.json));
  const api = openApi({ dbPath, studiesInProcess: true, signal: interrupt.signal });
  const call: Call = async (channel, args) => unwrap(await dispatch(api.handlers, channel, args)) as ResponseOf<typeof channel>;
  const onEvent = (listener: (event: LabEvent) => void) => {
    api.events.on("event", listener);
    return () => void api.events.off("event", listener);
  };
  try {
    return await run({ call, onEvent, dbPath, out, signal: interrupt.signal });
  } finally {
    await api.close();
  }
}
