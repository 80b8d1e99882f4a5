import type { Db } from "../db/openDatabase";
import { getExperiment, type ExperimentRow } from "../db/queries/experiments";
import { listMetricPoints, toMetricPoint } from "../db/queries/metricPoints";
import { listGenerations } from "../db/queries/generations";
import { listSamplesOfJobPage } from "../db/queries/samples";
import { modelNamer } from "../db/queries/models";
import type { MetricPoint } from "../../shared/domain/views";
import type { StudySettings } from "../experiments/createStudy";
import { studyInputs } from "../experiments/executors/studyInputs";
import { getJob, getJobByKey } from "../db/queries/jobs";
import { heldoutKeyOf } from "../experiments/planStudy";
import type { RealPair } from "../experiments/studyData";
import type { PromptSet } from "../../shared/domain/clinicalPanel";
import { trainingTextOf } from "../../shared/domain/metricLabels";
import type { PromptFormat } from "../../shared/domain/study";

/** One line of samples.jsonl: a generated sample, or a real record (model "real", generation 0). */
export type ExportSample = {
  study: number;
  design: string;
  model: string;
  generation: number;
  seed: number | null;
  chain: string | null;
  /** whose text the generation learned from (metrics.csv's trained_on): "real" at generation 1, for cross the other model; null for a real record */
  trainedOn: string | null;
  recordId: number | null;
  idx: number;
  prompt: string;
  output: string;
  tokenCount: number | null;
  /** which prompts: the study's training prompts (a generation's corpus for the next) or its fixed held-out prompts (test split) */
  prompts: PromptSet;
  /** why a generated sample ended ("maxTokens": cut there); null for a real record */
  finishReason: string | null;
  /** how the prompt reached the model: the study's generate.promptFormat; "plain" for a real record, which belongs to no model */
  promptFormat: PromptFormat;
};

export type StudyExport = {
  experiment: ExperimentRow;
  settings: unknown;
  versions: unknown;
  points: MetricPoint[];
  /** the real records the metrics compared against */
  real: ExportSample[];
  /**
   * The generated samples, a page of one generation at a time: a large study's samples need not
   * fit in memory, and each page is read completely before the caller may yield (a better-sqlite3
   * connection is busy while a statement iterates).
   */
  generations: () => Iterable<ExportSample[]>;
};

export const REAL_MODEL = "real";

/** Samples read at once: a few MB of text, whatever the size of a generation. */
const PAGE = 2000;

/** Everything an export writes, read in one place; undefined for an unknown study. */
export function loadStudyExport(db: Db, args: { experimentId: number }): StudyExport | undefined {
  const experiment = getExperiment(db, { id: args.experimentId });
  if (!experiment) return undefined;
  const study = experiment.id;
  const settings = JSON.parse(experiment.spec_json) as unknown;
  const nameOf = modelNamer(db);
  const promptFormat = promptFormatOf(settings);
  return {
    experiment,
    settings,
    versions: JSON.parse(experiment.versions_json) as unknown,
    points: listMetricPoints(db, { experimentId: study }).map(toMetricPoint),
    real: realSamples(db, study, settings),
    generations: function* () {
      const rows = listGenerations(db, { experimentId: study });
      const models = [...new Set(rows.map((g) => nameOf(g.model_id)))];
      for (const g of rows) {
        const model = nameOf(g.model_id);
        const trainedOn = trainingTextOf(g.design, model, g.generation_index, models);
        const generateKey = getJob(db, { id: g.generate_job_id })?.key;
        // the same generation's answers to the held-out prompts (absent in studies planned before them)
        const heldout = generateKey ? getJobByKey(db, { experimentId: study, key: heldoutKeyOf(generateKey) }) : undefined;
        const jobs: [PromptSet, number][] = [["train", g.generate_job_id], ...(heldout ? [["heldout", heldout.id] as [PromptSet, number]] : [])];
        for (const [prompts, jobId] of jobs) {
          for (const page of pagesOf(db, jobId)) {
            yield page.map((s) => ({
              study,
              design: g.design,
              model,
              generation: g.generation_index,
              seed: g.seed,
              chain: g.chain,
              trainedOn,
              recordId: s.record_id,
              idx: s.idx,
              prompt: s.prompt,
              output: s.output,
              tokenCount: s.token_count,
              prompts,
              finishReason: s.finish_reason,
              promptFormat,
            }));
          }
        }
      }
    },
  };
}

/** A generate job's samples, a page at a time, in order. */
function* pagesOf(db: Db, jobId: number): Generator<ReturnType<typeof listSamplesOfJobPage>> {
  for (let afterIdx = -1; ;) {
    const page = listSamplesOfJobPage(db, { jobId, afterIdx, limit: PAGE });
    if (page.length === 0) return;
    afterIdx = page[page.length - 1]!.idx;
    yield page;
  }
}

/** The real records the metrics compared against: the study's train pairs, then its held-out pairs (metricsExecutor uses exactly these). */
function realSamples(db: Db, study: number, settings: unknown): ExportSample[] {
  if (!isStudySettings(settings)) return [];
  const inputs = studyInputs(db, settings);
  const sets: [PromptSet, RealPair[]][] = [
    ["train", inputs.train],
    ["heldout", inputs.test],
  ];
  return sets.flatMap(([prompts, pairs]) =>
    pairs.map((r, idx) => ({
      study,
      design: REAL_MODEL,
      model: REAL_MODEL,
      generation: 0,
      seed: settings.spec.splitSeed,
      chain: null,
      trainedOn: null,
      recordId: r.recordId,
      idx,
      prompt: inputs.plainPrompt(r),
      output: r.conclusion,
      tokenCount: null,
      prompts,
      finishReason: null,
      promptFormat: "plain" as const,
    })),
  );
}

/** Studies made before the setting existed prompted plainly. */
function promptFormatOf(settings: unknown): PromptFormat {
  return isStudySettings(settings) && settings.spec.generate?.promptFormat === "chat-template" ? "chat-template" : "plain";
}

/** Studies made before settings were stored (or by tests) carry no dataset; they export no real records. */
function isStudySettings(s: unknown): s is StudySettings {
  const v = s as Partial<StudySettings> | null;
  return typeof v?.datasetId === "number" && typeof v.splitId === "number" && typeof v.spec === "object" && v.spec !== null;
}
