import { accessSync, constants, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Db } from "../db/openDatabase";
import { ApiError } from "../../shared/api/errors";
import type { ExportFormat, ExportResult } from "../../shared/api/contract";
import { metricsCsv } from "../../shared/export/metricsCsv";
import { loadStudyExport, type StudyExport } from "./loadStudyExport";
import { chartFileName, studyCharts, type StudyChart } from "./studyCharts";
import { reportHtml } from "./reportHtml";
import { readChartJs } from "./readChartJs";
import { assertPngAvailable, chartPng } from "./chartPng";

export type ExportProgress = { file: string; done: number; total: number };

type FileWriter = { name: string; content: (study: StudyExport, charts: StudyChart[]) => Promise<string | Buffer | { name: string; data: Buffer }[]> };

const WRITERS: Record<ExportFormat, FileWriter> = {
  csv: { name: "metrics.csv", content: async (s) => metricsCsv(s.experiment.id, s.points) },
  jsonl: { name: "samples.jsonl", content: async (s) => s.samples.map((x) => JSON.stringify(x) + "\n").join("") },
  html: { name: "report.html", content: async (s, charts) => reportHtml(s, charts, readChartJs()) },
  png: {
    name: "charts",
    content: async (_s, charts) => Promise.all(charts.map(async (c) => ({ name: `charts/${chartFileName(c.metric)}`, data: await chartPng(c.config) }))),
  },
};

/**
 * Writes a study's files into `dir`: exactly the data its metrics were computed from, the metric
 * points, and a report that opens offline. Each file is written beside its final name and renamed,
 * so an interrupted export never leaves a half file that looks complete.
 */
export async function exportStudy(
  db: Db,
  args: { experimentId: number; dir: string; formats: readonly ExportFormat[]; signal?: AbortSignal; onProgress?: (p: ExportProgress) => void },
): Promise<ExportResult> {
  const study = loadStudyExport(db, { experimentId: args.experimentId });
  if (!study) throw new ApiError("not-found", `there is no study ${args.experimentId}; "lab studies" lists the studies of this workspace`, "studyId");
  const formats = [...new Set(args.formats)];
  if (formats.length === 0) throw new ApiError("invalid-argument", "formats: name at least one of csv, jsonl, html, png", "formats");
  if (formats.includes("png")) await assertPngAvailable();
  const dir = resolve(args.dir);
  ensureWritableDir(dir);
  const charts = studyCharts(study.points);
  const files: string[] = [];
  for (const [i, format] of formats.entries()) {
    args.signal?.throwIfAborted();
    const writer = WRITERS[format];
    args.onProgress?.({ file: writer.name, done: i, total: formats.length });
    const content = await writer.content(study, charts);
    for (const f of typeof content === "string" || Buffer.isBuffer(content) ? [{ name: writer.name, data: content }] : content) {
      writeAtomically(join(dir, f.name), f.data);
      files.push(f.name);
    }
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
    const why = code === "EACCES" || code === "EPERM" || code === "EROFS" ? "permission denied" : code === "ENOTDIR" || code === "EEXIST" ? "a file is in the way" : String(error);
    throw new ApiError("invalid-argument", `cannot write the export into ${dir}: ${why}`, "dir");
  }
}

function writeAtomically(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}
