#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { ApiError } from "../shared/api/errors";
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

const program = new Command("lab")
  .description("Collapse Lab: model-collapse studies of local GGUF models, headless")
  .option("--db <path>", "workspace database (default: the app's data folder)")
  .option("--json", "machine-readable output on stdout")
  .showHelpAfterError()
  .exitOverride();

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

/** An error as every road carries it: the handlers' typed error ({ code, message, field }), as `lab serve` answers it. */
function fail(error: unknown): never {
  const info = ApiError.from(error).toInfo();
  const json = process.argv.includes("--json");
  if (json) process.stdout.write(JSON.stringify({ error: info }) + "\n");
  process.stderr.write(`error: ${info.message}\n`);
  process.exit(typeof (error as { exitCode?: unknown })?.exitCode === "number" ? (error as { exitCode: number }).exitCode || 1 : 1);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  fail(error);
}
