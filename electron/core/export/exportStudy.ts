import { accessSync, closeSync, constants, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Db } from "../db/openDatabase";
import { ApiError } from "../../shared/api/errors";
import type { ExportFormat, ExportResult } from "../../shared/api/contract";
import { metricsCsv } from "../../shared/export/metricsCsv";
import { loadStudyExport, type ExportSample, type StudyExport } from "./loadStudyExport";
import { chartFileName, studyCharts, type StudyChart } from "./studyCharts";
import { reportHtml } from "./reportHtml";
import { readChartJs } from "./readChartJs";
import { assertPngAvailable, chartPng } from "./chartPng";
import { assertPdfAvailable, reportPdf } from "./reportPdf";
import type { LabelLanguage } from "../../shared/domain/metricLabels";

export type ExportProgress = { file: string; done: number; total: number };

type WriteContext = { study: StudyExport; charts: StudyChart[]; dir: string; signal?: AbortSignal; language: LabelLanguage };

/** Per format: the file (or folder) it names in progress, and how it is written; returns the paths written, relative to the folder. */
const WRITERS: Record<ExportFormat, { name: string; write: (ctx: WriteContext) => Promise<string[]> }> = {
  csv: { name: "metrics.csv", write: async ({ study, dir }) => [writeAtomically(dir, "metrics.csv", metricsCsv(study.experiment.id, study.points))] },
  jsonl: { name: "samples.jsonl", write: async (ctx) => [await writeSamples(ctx, "samples.jsonl")] },
  html: {
    name: "report.html",
    write: async ({ study, charts, dir, language }) => [writeAtomically(dir, "report.html", reportHtml(study, charts, readChartJs(), language))],
  },
  pdf: {
    name: "report.pdf",
    write: async ({ study, charts, dir, signal, language }) => [
      writeAtomically(dir, "report.pdf", await reportPdf(reportHtml(study, charts, readChartJs(), language), signal)),
    ],
  },
  png: {
    name: "charts/",
    write: async ({ charts, dir, signal }) => {
      const files: string[] = [];
      try {
        for (const c of charts) {
          signal?.throwIfAborted();
          files.push(writeAtomically(dir, `charts/${chartFileName(c.metric)}`, await chartPng(c.config)));
        }
      } catch (error) {
        for (const f of files) rmSync(join(dir, f), { force: true });
        throw error;
      }
      return files;
    },
  },
};

/**
 * Writes a study's files into `dir`: exactly the data its metrics were computed from, the metric
 * points, and a report that opens offline. Each file is written beside its final name and renamed,
 * so an interrupted export never leaves a half file that looks complete.
 */
export async function exportStudy(
  db: Db,
  args: {
    experimentId: number;
    dir: string;
    formats: readonly ExportFormat[];
    signal?: AbortSignal;
    onProgress?: (p: ExportProgress) => void;
    language?: LabelLanguage;
  },
): Promise<ExportResult> {
  const study = loadStudyExport(db, { experimentId: args.experimentId });
  if (!study) throw new ApiError("not-found", `there is no study ${args.experimentId}; "lab studies" lists the studies of this workspace`, "studyId");
  const formats = [...new Set(args.formats)];
  if (formats.length === 0) throw new ApiError("invalid-argument", "formats: name at least one of csv, jsonl, html, png, pdf", "formats");
  if (formats.includes("png")) await assertPngAvailable();
  if (formats.includes("pdf")) assertPdfAvailable();
  const dir = resolve(args.dir);
  ensureWritableDir(dir);
  const language = args.language ?? "en";
  const ctx: WriteContext = { study, charts: studyCharts(study.points, language), dir, signal: args.signal, language };
  const files: string[] = [];
  try {
    for (const [i, format] of formats.entries()) {
      args.signal?.throwIfAborted();
      args.onProgress?.({ file: WRITERS[format].name, done: i, total: formats.length });
      files.push(...(await WRITERS[format].write(ctx)));
    }
  } catch (error) {
    // a stopped or failed export leaves none of its files: a partial set would read as a whole export
    for (const f of files) rmSync(join(dir, f), { force: true });
    throw error;
  }
  args.onProgress?.({ file: "", done: formats.length, total: formats.length });
  return { dir, files };
}

function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "";
    const why =
      code === "EACCES" || code === "EPERM" || code === "EROFS"
        ? "permission denied"
        : code === "ENOTDIR" || code === "EEXIST"
          ? "a file is in the way"
          : String(error);
    throw new ApiError("invalid-argument", `cannot write the export into ${dir}: ${why}`, "dir");
  }
}

/** A write that failed for lack of room or rights, as a message naming the folder; the half file is already gone. */
function writeFailure(dir: string, name: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  if (code === "ENOSPC" || code === "EDQUOT")
    return new ApiError(
      "failed",
      `the disk holding ${dir} is full: ${name} could not be written (${code}); free some space there or choose another folder, then export again`,
      "dir",
    );
  if (code === "EACCES" || code === "EPERM" || code === "EROFS")
    return new ApiError("invalid-argument", `cannot write ${name} into ${dir}: permission denied (${code})`, "dir");
  return error instanceof Error ? error : new Error(String(error));
}

function writeAtomically(dir: string, name: string, data: string | Buffer): string {
  const path = join(dir, name);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.partial`, data, { flush: true });
    renameSync(`${path}.partial`, path);
  } catch (error) {
    rmSync(`${path}.partial`, { force: true });
    throw writeFailure(dir, name, error);
  }
  return name;
}

/** The real records, then one generation at a time, yielding between generations so a long export stays cancellable. */
async function writeSamples({ study, dir, signal }: WriteContext, name: string): Promise<string> {
  const path = join(dir, name);
  let fd: number;
  try {
    fd = openSync(`${path}.partial`, "w");
  } catch (error) {
    throw writeFailure(dir, name, error);
  }
  const append = (samples: readonly ExportSample[]) => samples.length && writeSync(fd, samples.map((s) => JSON.stringify(s) + "\n").join(""));
  let open = true;
  try {
    append(study.real);
    for (const chunk of study.generations()) {
      signal?.throwIfAborted();
      append(chunk);
      await new Promise((r) => setImmediate(r));
    }
    // a full disk can show only when the data reaches it: flushed before the file takes its name
    fsyncSync(fd);
    open = false;
    closeSync(fd);
  } catch (error) {
    if (open) closeSync(fd);
    rmSync(`${path}.partial`, { force: true });
    throw writeFailure(dir, name, error);
  }
  renameSync(`${path}.partial`, path);
  return name;
}
