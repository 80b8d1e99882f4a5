import type { Command } from "commander";

/** What one run of the CLI writes to and reads from: the process's own streams in the bin (main.ts), buffers in a test. */
export type CliIo = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** aborted by Ctrl-C or SIGTERM in the bin: the running command stops and leaves the workspace as it was */
  signal: AbortSignal;
};

/** One run's streams and the exit status its command chose (a study that failed or was cancelled ends non-zero without an error). */
export type CliRun = CliIo & { exitCode: number };

// keyed by the root command, which runCli makes afresh for every run: commander keeps parsed options on its commands
const runs = new WeakMap<Command, CliRun>();

export function attachRun(program: Command, run: CliRun): void {
  runs.set(program, run);
}

/** The run a (sub)command belongs to. */
export function runOf(command: Command): CliRun {
  let root = command;
  while (root.parent) root = root.parent;
  const run = runs.get(root);
  if (!run) throw new Error(`lab ${command.name()} was not started by runCli`);
  return run;
}
