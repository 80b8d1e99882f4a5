import type { Command } from "commander";
import { EXPORT_FORMATS, type ExportFormat, type ExportResult } from "../../shared/api/contract";
import { ApiError } from "../../shared/api/errors";
import { withApi, type CommandContext } from "../context";
import { flagError, integerFlag } from "../flags";

export const DEFAULT_EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "jsonl", "html", "png"];

export function parseFormats(list: string): ExportFormat[] {
  const formats = list
    .split(",")
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || !formats.length)
    throw flagError(
      "--formats",
      `--formats: ${unknown.length ? `unknown format "${unknown.join('", "')}"` : "empty"}; choose from ${EXPORT_FORMATS.join(", ")}`,
    );
  return formats as ExportFormat[];
}

/** Exports through the handlers with progress on stderr; shared by "lab export" and the demo. */
export async function exportWithProgress(ctx: CommandContext, args: { studyId: number; dir: string; formats: readonly ExportFormat[] }): Promise<ExportResult> {
  const stop = ctx.onEvent(
    (e) => e.type === "export.progress" && e.operationId === "export" && e.file && ctx.out.info(`[${e.done + 1}/${e.total}] writing ${e.file}…`),
  );
  try {
    return await ctx.call("results.export", { studyId: args.studyId, dir: args.dir, formats: [...args.formats], operationId: "export" });
  } finally {
    stop();
  }
}

/** The default formats, and a platform without the canvas binary still gets everything but the PNG files (said on stderr). */
export async function exportAll(ctx: CommandContext, args: { studyId: number; dir: string }): Promise<ExportResult> {
  try {
    return await exportWithProgress(ctx, { ...args, formats: DEFAULT_EXPORT_FORMATS });
  } catch (error) {
    if (!(error instanceof ApiError && error.code === "not-available")) throw error;
    ctx.out.info(error.message);
    return exportWithProgress(ctx, { ...args, formats: DEFAULT_EXPORT_FORMATS.filter((f) => f !== "png") });
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description(
      "a study's files into a folder: metrics.csv, samples.jsonl (with the real records), report.html (offline), charts/<metric>.png; " +
        "report.pdf on request (--formats pdf, needs a Chromium-family browser)",
    )
    .requiredOption("--study <id>", "study id")
    .requiredOption("--out <dir>", "folder to write into (made if missing)")
    .option("--formats <list>", `comma-separated: ${EXPORT_FORMATS.join(",")} (default: all but pdf)`)
    .action(async (opts: { study: string; out: string; formats?: string }, cmd: Command) => {
      const formats = opts.formats === undefined ? null : parseFormats(opts.formats);
      const studyId = integerFlag("--study", opts.study);
      await withApi(cmd, async (ctx) => {
        const result = formats ? await exportWithProgress(ctx, { studyId, dir: opts.out, formats }) : await exportAll(ctx, { studyId, dir: opts.out });
        ctx.out.result(result, () => [`Study ${studyId} exported to ${result.dir}:`, ...result.files.map((f) => `  ${f}`)].join("\n"));
      });
    });
}
