import { mkdirSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import type { Handlers } from "../../shared/api/types";
import type { ImportResult } from "../../shared/api/contract";
import type { ImportReport } from "../../shared/domain/imports";
import { ApiError } from "../../shared/api/errors";
import { importDataset } from "../data/importing/importDataset";
import { previewImport } from "../data/importing/previewImport";
import { ImportError } from "../data/import";
import { importSynthetic } from "../data/importing/importSynthetic";
import { createSplit } from "../data/split/createSplit";
import { corpusStats } from "../data/stats/corpusStats";
import { getDataset, listDatasets } from "../db/queries/datasets";
import type { HandlerContext } from "./HandlerContext";
import { recordPage } from "./recordPage";
import { countRecords } from "../db/queries/records";

type DatasetHandlers = Pick<
  Handlers,
  "datasets.list" | "datasets.upload" | "datasets.preview" | "datasets.import" | "datasets.synth" | "datasets.stats" | "datasets.split" | "records.list"
>;

/** Import, then split: one behaviour for every caller; the split seed is the caller's (the window keeps the default). */
function withSplit(ctx: HandlerContext, report: ImportReport, seed: number): ImportResult {
  const split = report.rowsImported > 0 ? createSplit(ctx.db, { datasetId: report.datasetId, seed }) : null;
  return { ...report, split: split ? { splitId: split.splitId, seed: split.seed, counts: split.counts } : null };
}

function requireDataset(ctx: HandlerContext, id: number): void {
  if (!getDataset(ctx.db, { id }))
    throw new ApiError("not-found", `there is no dataset ${id}; the list of datasets shows the ones in this workspace`, "datasetId");
}

function requireFile(path: string): void {
  if (!existsSync(path))
    throw new ApiError("not-found", `the file ${path} does not exist; check the path (it is read on the computer running Collapse Lab)`, "path");
}

/** A file the importer cannot read is the user's to fix: its message names the file, line and problem. */
async function readingFile<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof ImportError ? new ApiError("invalid-argument", error.message, "path") : error;
  }
}

function progressOf(ctx: HandlerContext, operationId: string | undefined) {
  return (p: { rows: number; bytesRead: number; totalBytes: number }) => ctx.emit({ type: "import.progress", operationId: operationId ?? null, ...p });
}

/** A dropped file lands in the workspace's uploads folder under a name that never overwrites another file. */
function storeUpload(ctx: HandlerContext, fileName: string, bytes: Buffer): string {
  const dir = join(ctx.workspaceDir, "uploads");
  mkdirSync(dir, { recursive: true });
  let path = join(dir, fileName);
  if (existsSync(path) && !readFileSync(path).equals(bytes)) {
    const tag = createHash("sha256").update(bytes).digest("hex").slice(0, 8);
    path = join(dir, fileName.replace(/(\.[^.]*)?$/, `-${tag}$1`));
  }
  writeFileSync(path, bytes);
  return path;
}

export function datasetHandlers(ctx: HandlerContext): DatasetHandlers {
  return {
    "datasets.list": async () => listDatasets(ctx.db).map((d) => ({ id: d.id, name: d.name, kind: d.kind, records: d.record_count, createdAt: d.created_at })),

    "datasets.upload": async ({ fileName, base64 }) => {
      const bytes = Buffer.from(base64, "base64");
      return { path: storeUpload(ctx, fileName, bytes), fileName, bytes: bytes.length };
    },

    "datasets.preview": async ({ path, map, encoding, delimiter, rows }) => {
      requireFile(path);
      return readingFile(() =>
        previewImport(ctx.db, { file: path, rows, ...(map ? { map } : {}), ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) }),
      );
    },

    "datasets.import": async ({ path, map, encoding, delimiter, name, splitSeed, skipBadRows, operationId }) => {
      requireFile(path);
      const report = await ctx.operations.run(operationId, (signal) =>
        readingFile(() =>
          importDataset(ctx.db, {
            signal,
            file: path,
            ...(map ? { map } : {}),
            ...(encoding ? { encoding } : {}),
            ...(delimiter ? { delimiter } : {}),
            ...(name ? { datasetName: name } : {}),
            skipBadRows,
            onProgress: progressOf(ctx, operationId),
          }),
        ),
      );
      return withSplit(ctx, report, splitSeed);
    },

    "datasets.synth": async ({ records, seed, out, splitSeed, operationId }) => {
      const dir = join(ctx.workspaceDir, "synthetic");
      const { csvPath, report } = await ctx.operations.run(operationId, (signal) =>
        importSynthetic(ctx.db, { records, seed, dir, ...(out ? { out } : {}), signal, onProgress: progressOf(ctx, operationId) }),
      );
      return { csvPath, ...withSplit(ctx, report, splitSeed) };
    },

    "datasets.stats": async ({ datasetId, top }) => {
      requireDataset(ctx, datasetId);
      return corpusStats(ctx.db, { datasetId, ...(top ? { top } : {}) });
    },

    "datasets.split": async ({ datasetId, seed, ratios }) => {
      requireDataset(ctx, datasetId);
      if (!countRecords(ctx.db, { datasetId }).included) throw new ApiError("invalid-argument", `dataset ${datasetId} has no records to split`, "datasetId");
      return createSplit(ctx.db, { datasetId, seed, ...(ratios ? { ratios } : {}) });
    },

    "records.list": async ({ datasetId, offset, limit, includeExcluded, afterId }) => {
      requireDataset(ctx, datasetId);
      return recordPage(ctx.db, { datasetId, offset, limit, includeExcluded, ...(afterId !== undefined ? { afterId } : {}) });
    },
  };
}
