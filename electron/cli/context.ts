import type { Command } from "commander";
import { resolve } from "node:path";
import { openApi } from "../core/api/openApi";
import { dispatch } from "../core/api/createHandlers";
import { defaultDatabasePath } from "../core/workspace/appDataDir";
import type { Channel } from "../shared/api/channels";
import type { RequestOf, ResponseOf } from "../shared/api/contract";
import { unwrap } from "../shared/api/errors";
import type { LabEvent } from "../shared/api/events";
import { runOf } from "./cliRun";
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
  /** the exit status once the command has finished without an error (a failed or cancelled study) */
  setExitCode: (code: number) => void;
};

/** Opens the workspace named by the global options with the app's handlers (studies run in this process), runs the command, always closes. */
export async function withApi<T>(command: Command, body: (ctx: CommandContext) => Promise<T> | T): Promise<T> {
  const opts = command.optsWithGlobals<GlobalOptions>();
  const run = runOf(command);
  const dbPath = resolve(opts.db ?? defaultDatabasePath(run.env));
  const out = createOutput(Boolean(opts.json), run);
  const api = openApi({ dbPath, studiesInProcess: true, signal: run.signal });
  const call: Call = async (channel, args) => unwrap(await dispatch(api.handlers, channel, args)) as ResponseOf<typeof channel>;
  const onEvent = (listener: (event: LabEvent) => void) => {
    api.events.on("event", listener);
    return () => void api.events.off("event", listener);
  };
  try {
    return await body({ call, onEvent, dbPath, out, signal: run.signal, setExitCode: (code) => void (run.exitCode = code) });
  } finally {
    await api.close();
  }
}
