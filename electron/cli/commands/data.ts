import type { Command } from "commander";
import { importDataset } from "../../core/data/importing/importDataset";
import type { ImportReport } from "../../core/data/importing/ImportReport";
import { parseMapOption } from "../../core/data/import";
import { createSplit } from "../../core/data/split/createSplit";
import { listDatasets } from "../../core/db/queries/datasets";
import { listRecords, prepareNodulesOfRecord } from "../../core/db/queries/records";
import { latestSplit, splitAssignments } from "../../core/db/queries/splits";
import { withContext } from "../context";
import { table } from "../output";
import { parseCount, parseDelimiter, parseSeed, resolveDataset } from "./datasetOption";

export function formatImportReport(r: ImportReport): string {
  const lines = [
    r.status === "already-imported"
      ? `${r.file} was imported before (same SHA-256) as dataset ${r.datasetId}; nothing was added.`
      : `Imported ${r.file} as dataset ${r.datasetId} in ${r.seconds.toFixed(2)} s.`,
    `  format ${r.detected.format}, encoding ${r.detected.encoding ?? "—"}, delimiter ${JSON.stringify(r.detected.delimiter)}`,
    `  columns: ${Object.entries(r.detected.mapping).map(([k, v]) => `${k} ← "${v}"`).join(", ")}`,
    `  rows read ${r.rowsRead}, imported ${r.rowsImported}, excluded ${r.rowsExcluded}, duplicates ${r.duplicates}, nodules ${r.nodules}`,
  ];
  for (const note of r.detected.notes) lines.push(`  note: ${note}`);
  if (r.skippedRows?.length) {
    lines.push(`  skipped ${r.skippedRows.length} bad row(s):`);
    for (const s of r.skippedRows) lines.push(`    row ${s.row} (line ${s.line}): ${s.problem}`);
  }
  if (Object.keys(r.excluded).length) lines.push(`  excluded by rule: ${Object.entries(r.excluded).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (r.warningCount) {
    lines.push(`  warnings ${r.warningCount}: ${Object.entries(r.warningsByCode).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    for (const w of r.firstWarnings.slice(0, 10)) lines.push(`    row ${w.row ?? "—"} (line ${w.line ?? "—"}): ${w.code}: ${w.message}`);
    if (r.warningCount > 10) lines.push(`    … all ${r.warningCount} are stored with the import`);
  }
  return lines.join("\n");
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
    .action(async (file: string, opts: { map?: string; name?: string; encoding?: string; delimiter?: string; splitSeed: string; skipBadRows?: boolean }, cmd: Command) =>
      withContext(cmd, async ({ db, out, signal }) => {
        const report = await importDataset(db, {
          file,
          ...(opts.map ? { map: parseMapOption(opts.map) } : {}),
          ...(opts.name ? { datasetName: opts.name } : {}),
          ...(opts.encoding ? { encoding: opts.encoding } : {}),
          ...(opts.delimiter ? { delimiter: parseDelimiter(opts.delimiter) } : {}),
          skipBadRows: opts.skipBadRows === true,
          signal,
          onProgress: (p) => out.info(`  ${p.rows} rows (${Math.round((100 * p.bytesRead) / Math.max(1, p.totalBytes))}%)`),
        });
        const split = report.rowsImported > 0 ? createSplit(db, { datasetId: report.datasetId, seed: parseSeed(opts.splitSeed) }) : null;
        out.result({ ...report, split }, () =>
          formatImportReport(report) + (split ? `\n  split (seed ${split.seed}): train ${split.counts.train}, val ${split.counts.val}, test ${split.counts.test}` : ""),
        );
      }),
    );

  program
    .command("datasets")
    .description("list datasets")
    .action(async (_opts, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const rows = listDatasets(db);
        out.result(rows.map((d) => ({ id: d.id, name: d.name, kind: d.kind, records: d.record_count, createdAt: d.created_at })), () =>
          rows.length ? table(rows.map((d) => [d.id, d.name, d.kind, d.record_count, d.created_at]), ["id", "name", "kind", "records", "created"]) : "no datasets",
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
      withContext(cmd, ({ db, out }) => {
        const ds = resolveDataset(db, opts.dataset);
        const parts = opts.ratios.split(",").map(Number);
        if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x))) throw new Error(`--ratios must be three numbers like 0.7,0.15,0.15, got "${opts.ratios}"`);
        const s = createSplit(db, { datasetId: ds.id, seed: parseSeed(opts.seed), ratios: { train: parts[0]!, val: parts[1]!, test: parts[2]! } });
        out.result(s, () => `split ${s.splitId} of dataset ${ds.id} (seed ${s.seed}${s.created ? "" : ", existing"}): train ${s.counts.train}, val ${s.counts.val}, test ${s.counts.test}`);
      }),
    );

  program
    .command("records")
    .description("print records with their normalised labels, nodules and split (JSON Lines with --json)")
    .option("--dataset <id>", "dataset id (default: newest)")
    .option("--limit <n>", "at most n records")
    .option("--include-excluded", "also records excluded by a cleaning rule")
    .action(async (opts: { dataset?: string; limit?: string; includeExcluded?: boolean }, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const limit = opts.limit === undefined ? Infinity : parseCount("--limit", opts.limit);
        const ds = resolveDataset(db, opts.dataset);
        const split = latestSplit(db, { datasetId: ds.id });
        const parts = split ? splitAssignments(db, { splitId: split.id }) : new Map();
        const nodulesOf = prepareNodulesOfRecord(db);
        // pages by id, so a dataset of a million records is never held in memory at once
        const pages = function* () {
          for (let afterId = 0, left = limit; left > 0; ) {
            const page = listRecords(db, { datasetId: ds.id, afterId, limit: Math.min(1000, left), includeExcluded: Boolean(opts.includeExcluded) });
            yield* page;
            if (page.length === 0) return;
            afterId = page[page.length - 1]!.id;
            left -= page.length;
          }
        };
        for (const r of pages()) {
          const record = {
            sourceId: r.source_id,
            row: r.source_row,
            descriptionLabels: JSON.parse(r.description_labels_json) as (number | null)[],
            conclusionLabels: JSON.parse(r.conclusion_labels_json) as (number | null)[],
            nodules: nodulesOf(r.id).map((n) => ({ index: n.idx, text: r.description.slice(n.start_offset, n.end_offset), labels: JSON.parse(n.labels_json) as (number | null)[], lobe: n.lobe, third: n.third })),
            split: parts.get(r.id) ?? null,
            excluded: r.excluded_reason,
          };
          if (out.json) process.stdout.write(JSON.stringify(record) + "\n");
          else process.stdout.write(`${r.source_id ?? `row ${r.source_row}`}  [${record.split ?? "—"}]  description ${JSON.stringify(record.descriptionLabels)}  conclusion ${JSON.stringify(record.conclusionLabels)}  nodules ${record.nodules.length}\n`);
        }
      }),
    );
}
