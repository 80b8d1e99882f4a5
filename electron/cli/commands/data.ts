import type { Command } from "commander";
import type { ImportResult, RequestOf } from "../../shared/api/contract";
import type { ImportProgress } from "../../shared/domain/imports";
import { withApi, type CommandContext } from "../context";
import { datasetIdFlag, flagError, integerFlag, mapFlag, parseDelimiter, positiveFlag } from "../flags";
import { table } from "../output";

export function formatImportReport(r: ImportResult): string {
  const lines = [
    r.status === "already-imported"
      ? `${r.file} was imported before (same SHA-256) as dataset ${r.datasetId}; nothing was added.`
      : `Imported ${r.file} as dataset ${r.datasetId} in ${r.seconds.toFixed(2)} s.`,
    `  format ${r.detected.format}, encoding ${r.detected.encoding ?? "—"}, delimiter ${JSON.stringify(r.detected.delimiter)}`,
    `  columns: ${Object.entries(r.detected.mapping)
      .map(([k, v]) => `${k} ← "${v}"`)
      .join(", ")}`,
    `  rows read ${r.rowsRead}, imported ${r.rowsImported}, excluded ${r.rowsExcluded}, duplicates ${r.duplicates}, nodules ${r.nodules}`,
  ];
  for (const note of r.detected.notes) lines.push(`  note: ${note}`);
  if (r.skippedRows?.length) {
    lines.push(`  skipped ${r.skippedRows.length} bad row(s):`);
    for (const s of r.skippedRows) lines.push(`    row ${s.row} (line ${s.line}): ${s.problem}`);
  }
  if (Object.keys(r.excluded).length)
    lines.push(
      `  excluded by rule: ${Object.entries(r.excluded)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  if (r.warningCount) {
    lines.push(
      `  warnings ${r.warningCount}: ${Object.entries(r.warningsByCode)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
    for (const w of r.firstWarnings.slice(0, 10)) lines.push(`    row ${w.row ?? "—"} (line ${w.line ?? "—"}): ${w.code}: ${w.message}`);
    if (r.warningCount > 10) lines.push(`    … all ${r.warningCount} are stored with the import`);
  }
  if (r.split) lines.push(`  split (seed ${r.split.seed}): train ${r.split.counts.train}, val ${r.split.counts.val}, test ${r.split.counts.test}`);
  return lines.join("\n");
}

/** Import progress on stderr, one line per event of this command's operation. */
export function importProgress(ctx: CommandContext, operationId: string): () => void {
  return ctx.onEvent((e) => {
    if (e.type !== "import.progress" || e.operationId !== operationId) return;
    const p: ImportProgress = e;
    ctx.out.info(`  ${p.rows} rows (${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%)`);
  });
}

export function registerDataCommands(program: Command): void {
  program
    .command("import <file>")
    .description("import a CSV, TSV, XLSX, JSON or JSONL export (all or nothing)")
    .option("--map <mapping>", 'column mapping, e.g. "description=Текст,conclusion=Вывод"')
    .option("--name <name>", "dataset name (default: the file name)")
    .option("--encoding <encoding>", "override the detected encoding")
    .option("--delimiter <delimiter>", "CSV/TSV: override the detected delimiter (, ; or tab)")
    .option("--split-seed <seed>", "seed of the stratified 70/15/15 split made after import", "42")
    .option("--skip-bad-rows", "leave out rows with a bad field (too long, a control character, a lossy repair) and list each, instead of failing the file")
    .action(
      async (
        file: string,
        opts: { map?: string; name?: string; encoding?: string; delimiter?: string; splitSeed: string; skipBadRows?: boolean },
        cmd: Command,
      ) =>
        withApi(cmd, async (ctx) => {
          const stop = importProgress(ctx, "import");
          const result = await ctx.call("datasets.import", {
            path: file,
            ...(opts.map ? { map: mapFlag(opts.map) } : {}),
            ...(opts.name ? { name: opts.name } : {}),
            // the contract names the encodings it knows and refuses others
            ...(opts.encoding ? { encoding: opts.encoding as RequestOf<"datasets.import">["encoding"] } : {}),
            ...(opts.delimiter ? { delimiter: parseDelimiter(opts.delimiter) } : {}),
            splitSeed: integerFlag("--split-seed", opts.splitSeed),
            ...(opts.skipBadRows ? { skipBadRows: true } : {}),
            operationId: "import",
          });
          stop();
          ctx.out.result(result, () => formatImportReport(result));
        }),
    );

  program
    .command("datasets")
    .description("list datasets")
    .action(async (_opts, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const rows = await call("datasets.list", {});
        out.result(rows, () =>
          rows.length
            ? table(
                rows.map((d) => [d.id, d.name, d.kind, d.records, d.createdAt]),
                ["id", "name", "kind", "records", "created"],
              )
            : "no datasets",
        );
      }),
    );

  program
    .command("split")
    .description("make a seeded stratified train/val/test split of a dataset")
    .option("--dataset <id>", "dataset id (default: newest)")
    .option("--seed <seed>", "split seed", "42")
    .option("--ratios <t,v,t>", "train,val,test ratios", "0.7,0.15,0.15")
    .action(async (opts: { dataset?: string; seed: string; ratios: string }, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const parts = opts.ratios.split(",").map(Number);
        if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x)))
          throw flagError("--ratios", `--ratios must be three numbers like 0.7,0.15,0.15, got "${opts.ratios}"`);
        const datasetId = await datasetIdFlag(() => call("datasets.list", {}), opts.dataset);
        const s = await call("datasets.split", {
          datasetId,
          seed: integerFlag("--seed", opts.seed),
          ratios: { train: parts[0]!, val: parts[1]!, test: parts[2]! },
        });
        out.result(
          s,
          () =>
            `split ${s.splitId} of dataset ${s.datasetId} (seed ${s.seed}${s.created ? "" : ", existing"}): ` +
            `train ${s.counts.train}, val ${s.counts.val}, test ${s.counts.test}`,
        );
      }),
    );

  program
    .command("records")
    .description("print records with their normalised labels, nodules and split (JSON Lines with --json)")
    .option("--dataset <id>", "dataset id (default: newest)")
    .option("--limit <n>", "at most n records")
    .option("--include-excluded", "also records excluded by a cleaning rule")
    .action(async (opts: { dataset?: string; limit?: string; includeExcluded?: boolean }, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const limit = opts.limit === undefined ? Infinity : positiveFlag("--limit", opts.limit);
        const datasetId = await datasetIdFlag(() => call("datasets.list", {}), opts.dataset);
        // page by page after the last id, so a dataset of a million records is never held in memory or reread
        for (let count = 0, afterId = 0; count < limit;) {
          const page = await call("records.list", { datasetId, afterId, limit: Math.min(200, limit - count), includeExcluded: Boolean(opts.includeExcluded) });
          for (const r of page.records) {
            if (out.json) out.line(JSON.stringify(r));
            else
              out.line(
                `${r.sourceId ?? `row ${r.row}`}  [${r.split ?? "—"}]  description ${JSON.stringify(r.descriptionLabels)}  ` +
                  `conclusion ${JSON.stringify(r.conclusionLabels)}  nodules ${r.nodules.length}`,
              );
          }
          if (page.records.length === 0) break;
          count += page.records.length;
          afterId = page.records[page.records.length - 1]!.id;
        }
      }),
    );
}
