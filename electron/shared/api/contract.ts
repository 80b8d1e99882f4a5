import { z } from "zod";
import { StudySpecSchema } from "../domain/study";
import { DELIMITERS, REPORT_FIELDS, type ImportPreview, type ImportReport } from "../domain/imports";
import type { CorpusStats } from "../domain/corpusStats";
import type { StudyStatus, ExperimentState } from "../domain/jobs";
import type { SplitName } from "../domain/records";
import { DEFAULT_SPLIT_SEED, DEFAULT_SYNTH } from "../domain/synthDefaults";
import type { BackendInfo, DatasetSummary, GenerationSamples, ModelSummary, RecordPage, StudyMetrics, StudySummary } from "../domain/views";
import type { Comparison } from "../stats/compareDesigns";
import type { Channel } from "./channels";

/** A request schema paired with the (type-only) response it answers with. */
type Spec<Req extends z.ZodType, Res> = { request: Req; response: Res };
const returns =
  <Res>() =>
  <Req extends z.ZodType>(request: Req): Spec<Req, Res> => ({ request, response: undefined as Res });

const id = z.int().positive();
const nothing = z.strictObject({});
const seed = z.int().min(0).max(0xffffffff);
const operationId = z.string().min(1).max(64).optional();
const filePath = z.string().trim().min(1, "a file path is required").max(4096);
/** the seed of the split made right after an import; the window always uses the default */
const splitSeed = seed.default(DEFAULT_SPLIT_SEED);
const ratio = z.number().min(0).max(1);
export const ENCODINGS = ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1251", "cp1251", "koi8-r"] as const;
/** How a file is read: the same settings for its preview and its import. */
const readOptions = {
  path: filePath,
  /** field → header; null: the file has no column for that field */
  map: z.partialRecord(z.enum(REPORT_FIELDS), z.string().min(1).max(200).nullable()).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  delimiter: z.enum(DELIMITERS).optional(),
};
/** Raw bytes of a dropped file, base64; bounded so one request cannot exhaust memory. */
export const MAX_UPLOAD_BYTES = 256 * 2 ** 20;

export type AppInfo = { name: string; version: string; dbPath: string; workspaceDir: string; versions: Record<string, string> };
/** A dropped file stored in the workspace's uploads folder, to be previewed and imported by path. */
export type Upload = { path: string; fileName: string; bytes: number };
export type ImportResult = ImportReport & { split: { splitId: number; seed: number; counts: Record<string, number> } | null };
export type SynthResult = ImportResult & { csvPath: string };
export type SplitResult = {
  splitId: number;
  datasetId: number;
  seed: number;
  ratios: Record<SplitName, number>;
  counts: Record<SplitName, number>;
  created: boolean;
};
export type StudyCreated = { id: number; jobs: number; name: string };
export type StudyStarted = { id: number; pid: number | null };
export type StudyCancelled = { id: number; wasRunning: boolean; state: ExperimentState };
export type ExportResult = { dir: string; files: string[] };
/** What a study exports to: metrics.csv, samples.jsonl, report.html, charts/<metric>.png. */
export const EXPORT_FORMATS = ["csv", "jsonl", "html", "png", "pdf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One side of a comparison: a design's chain of one model, as stored in the metric points. */
const comparisonSide = z.strictObject({ design: z.string().trim().min(1).max(64), model: z.string().trim().min(1).max(200) });
/** A comparison with its answer sentences (one per tested row, in the requested language; the first is the headline). */
export type StudyComparison = Comparison & { studyId: number; sentences: string[] };

/** The one typed API of the app: channel → request schema and response type. */
export const contract = {
  "app.info": returns<AppInfo>()(nothing),
  "datasets.list": returns<DatasetSummary[]>()(nothing),
  "datasets.upload": returns<Upload>()(
    z.strictObject({
      fileName: z
        .string()
        .trim()
        .min(1)
        .max(255)
        .regex(/^[^/\\]+$/, "a file name without folders"),
      base64: z
        .string()
        .min(1)
        .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4, "the file is larger than 256 MiB; give its path instead"),
    }),
  ),
  "datasets.preview": returns<ImportPreview>()(z.strictObject({ ...readOptions, rows: z.int().min(1).max(50).default(8) })),
  "datasets.import": returns<ImportResult>()(
    // skipBadRows: leave out rows with a bad field and list each in the report, instead of failing the file
    z.strictObject({ ...readOptions, name: z.string().trim().min(1).max(200).optional(), splitSeed, skipBadRows: z.boolean().default(false), operationId }),
  ),
  "datasets.synth": returns<SynthResult>()(
    z.strictObject({
      records: z.int().min(10).max(200_000).default(DEFAULT_SYNTH.records),
      seed: seed.default(DEFAULT_SYNTH.seed),
      out: filePath.optional(),
      splitSeed,
      operationId,
    }),
  ),
  "datasets.stats": returns<CorpusStats>()(z.strictObject({ datasetId: id, top: z.int().min(1).max(200).optional() })),
  "datasets.split": returns<SplitResult>()(
    z.strictObject({
      datasetId: id,
      seed: splitSeed,
      ratios: z
        .strictObject({ train: ratio, val: ratio, test: ratio })
        .refine((r) => r.train + r.val + r.test > 0, "the ratios add up to 0")
        .optional(),
    }),
  ),
  "records.list": returns<RecordPage>()(
    z.strictObject({
      datasetId: id,
      offset: z.int().min(0).default(0),
      limit: z.int().min(1).max(200).default(20),
      includeExcluded: z.boolean().default(false),
      /** only records with a larger id (offset counts from there): pages a large dataset without rereading it */
      afterId: z.int().min(0).optional(),
    }),
  ),
  "models.list": returns<ModelSummary[]>()(nothing),
  "models.add": returns<Omit<ModelSummary, "sha256" | "origin">>()(
    z.strictObject({ path: filePath.regex(/\.gguf$/i, "a GGUF model file (*.gguf)"), name: z.string().trim().min(1).max(120).optional() }),
  ),
  /** copies the shipped weights when they match the recipe; `rebuild` builds from the recipe instead (up to an hour on 2 cores) */
  "models.buildDefaults": returns<ModelSummary[]>()(
    z.strictObject({ threads: z.int().min(1).max(256).optional(), rebuild: z.boolean().optional(), operationId }),
  ),
  "models.backend": returns<BackendInfo>()(nothing),
  "studies.list": returns<StudySummary[]>()(nothing),
  "studies.create": returns<StudyCreated>()(z.strictObject({ spec: StudySpecSchema })),
  /** a study file (.yaml, .yml, .json) as `lab run` takes it; dataset replaces the file's own */
  "studies.createFromFile": returns<StudyCreated>()(
    z.strictObject({
      path: filePath,
      dataset: id.optional(),
      /** a smaller scale than the file's, for a quick try or a test: seeds 1..n, n generations, n training records */
      scale: z
        .strictObject({ seeds: z.int().min(1).max(64), generations: z.int().min(1).max(20), trainRecords: z.int().min(1) })
        .partial()
        .optional(),
    }),
  ),
  "studies.run": returns<StudyStarted>()(z.strictObject({ id })),
  "studies.resume": returns<StudyStarted>()(z.strictObject({ id })),
  "studies.cancel": returns<StudyCancelled>()(z.strictObject({ id })),
  "studies.status": returns<StudyStatus>()(z.strictObject({ id, logLines: z.int().min(1).max(500).default(30) })),
  "results.metrics": returns<StudyMetrics>()(z.strictObject({ studyId: id })),
  "results.samples": returns<GenerationSamples[]>()(
    z.strictObject({ studyId: id, generation: z.int().min(1).max(20).optional(), limit: z.int().min(1).max(256).default(8) }),
  ),
  "results.export": returns<ExportResult>()(
    z.strictObject({
      studyId: id,
      dir: filePath,
      formats: z.array(z.enum(EXPORT_FORMATS)).min(1).default(["csv", "jsonl", "html"]),
      language: z.enum(["en", "ru"]).default("en"),
      operationId,
    }),
  ),
  /** a paired comparison of two design:model sides across seeds (docs/metrics.md, "Comparing designs") */
  "results.compare": returns<StudyComparison>()(
    z.strictObject({
      studyId: id,
      a: comparisonSide,
      b: comparisonSide,
      /** metric ids; empty or absent: the default list (DEFAULT_COMPARISON_METRICS) */
      metrics: z.array(z.string().min(1).max(64)).max(40).optional(),
      language: z.enum(["en", "ru"]).default("en"),
    }),
  ),
  /** stops an import, synthetic generation, default-model build or export started with this operationId */
  "operations.cancel": returns<{ cancelled: boolean }>()(z.strictObject({ operationId: z.string().min(1).max(64) })),
} satisfies { [C in Channel]: Spec<z.ZodType, unknown> };

export type Contract = typeof contract;
/** What a caller sends (defaults may be left out). */
export type RequestOf<C extends Channel> = z.input<Contract[C]["request"]>;
/** What a handler receives: validated, defaults filled in. */
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]["request"]>;
export type ResponseOf<C extends Channel> = Contract[C]["response"];

// Compile-time check that CHANNELS lists exactly the contract's channels.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const CHANNELS_MATCH_CONTRACT: Exact<keyof Contract, Channel> = true;
