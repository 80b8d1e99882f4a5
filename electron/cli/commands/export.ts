import type { Command } from "commander";
import { EXPORT_FORMATS, type ExportFormat } from "../../shared/api/contract";
import { exportStudy } from "../../core/export/exportStudy";
import { withContext, type CommandContext } from "../context";

export const DEFAULT_EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "jsonl", "html", "png"];

export function parseFormats(list: string): ExportFormat[] {
  const formats = list.split(",").map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !(EXPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length || !formats.length) throw new Error(`--formats: ${unknown.length ? `unknown format "${unknown.join('", "')}"` : "empty"}; choose from ${EXPORT_FORMATS.join(", ")}`);
  return formats as ExportFormat[];
}

/** Exports with progress on stderr; shared by "lab export" and the demo. */
export async function exportWithProgress(ctx: CommandContext, args: { studyId: number; dir: string; formats: readonly ExportFormat[] }) {
  return exportStudy(ctx.db, {
    experimentId: args.studyId,
    dir: args.dir,
    formats: args.formats,
    signal: ctx.signal,
    onProgress: (p) => p.file && ctx.out.info(`[${p.done + 1}/${p.total}] writing ${p.file}…`),
  });
}

export function registerExportCommand(program: Command): void {
  program
    .command("export")
    .description("a study's files into a folder: metrics.csv, samples.jsonl (with the real records), report.html (offline), charts/<metric>.png")
    .requiredOption("--study <id>", "study id")
    .requiredOption("--out <dir>", "folder to write into (made if missing)")
    .option("--formats <list>", `comma-separated: ${EXPORT_FORMATS.join(",")}`, DEFAULT_EXPORT_FORMATS.join(","))
    .action(async (opts: { study: string; out: string; formats: string }, cmd: Command) => {
      const formats = parseFormats(opts.formats);
      const studyId = Number(opts.study);
      if (!Number.isInteger(studyId) || studyId < 1) throw new Error(`--study: "${opts.study}" is not a study id; "lab studies" lists them`);
      await withContext(cmd, async (ctx) => {
        const result = await exportWithProgress(ctx, { studyId, dir: opts.out, formats });
        ctx.out.result(result, () => [`Study ${studyId} exported to ${result.dir}:`, ...result.files.map((f) => `  ${f}`)].join("\n"));
      });
    });
}
