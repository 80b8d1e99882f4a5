import { Command, CommanderError } from "commander";
import { ApiError } from "../shared/api/errors";
import { attachRun, type CliIo, type CliRun } from "./cliRun";
import { registerDataCommands } from "./commands/data";
import { registerSynthCommand } from "./commands/synth";
import { registerStatsCommand } from "./commands/stats";
import { registerDemoCommand } from "./commands/demo";
import { registerModelCommands } from "./commands/models";
import { registerStudyCommands } from "./commands/studies";
import { registerMetricsCommand } from "./commands/metrics";
import { registerServeCommand } from "./commands/serve";
import { registerExportCommand } from "./commands/export";
import { registerCompareCommand } from "./commands/compare";

export type { CliIo } from "./cliRun";

function createProgram(io: CliIo): Command {
  const program = new Command("lab")
    .description("Collapse Lab: model-collapse studies of local GGUF models, headless")
    .option("--db <path>", "workspace database (default: the app's data folder)")
    .option("--json", "machine-readable output on stdout")
    .showHelpAfterError()
    .exitOverride()
    // before the commands are added: each subcommand copies its parent's settings when it is made
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerDataCommands(program);
  registerSynthCommand(program);
  registerStatsCommand(program);
  registerDemoCommand(program);
  registerModelCommands(program);
  registerStudyCommands(program);
  registerMetricsCommand(program);
  registerExportCommand(program);
  registerCompareCommand(program);
  registerServeCommand(program);
  return program;
}

/** An error as every road carries it: the handlers' typed error ({ code, message, field }), as `lab serve` answers it. */
function fail(error: unknown, json: boolean, io: CliIo): number {
  const info = ApiError.from(error).toInfo();
  if (json) io.stdout(JSON.stringify({ error: info }) + "\n");
  io.stderr(`error: ${info.message}\n`);
  return typeof (error as { exitCode?: unknown })?.exitCode === "number" ? (error as { exitCode: number }).exitCode || 1 : 1;
}

/**
 * `lab <args>`: parses the flags, runs the command through the app's handlers in this process and
 * answers its exit status. The bin (main.ts) gives it the process's streams; tests call it directly.
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const run: CliRun = { ...io, exitCode: 0 };
  const program = createProgram(io);
  attachRun(program, run);
  try {
    await program.parseAsync([...args], { from: "user" });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    return fail(error, args.includes("--json"), io);
  }
}
