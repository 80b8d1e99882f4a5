import type { Db } from "../db/openDatabase";
import { getExperiment, type ExperimentRow } from "../db/queries/experiments";
import { listMetricPoints, toMetricPoint } from "../db/queries/metricPoints";
import { listGenerations } from "../db/queries/generations";
import { listSamplesOfJobPage } from "../db/queries/samples";
import { modelNamer } from "../db/queries/models";
import type { MetricPoint } from "../../shared/domain/views";
import type { StudySettings } from "../experiments/createStudy";
import { studyInputs } from "../experiments/executors/studyInputs";

/** One line of samples.jsonl: a generated sample, or a real record (model "real", generation 0). */
export type ExportSample = {
  study: number;
  design: string;
  model: string;
  generation: number;
  seed: number | null;
  chain: string | null;
  recordId: number | null;
  idx: number;
  prompt: string;
  output: string;
  tokenCount: number | null;
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
  return {
    experiment,
    settings,
    versions: JSON.parse(experiment.versions_json) as unknown,
    points: listMetricPoints(db, { experimentId: study }).map(toMetricPoint),
    real: realSamples(db, study, settings),
    generations: function* () {
      for (const g of listGenerations(db, { experimentId: study })) {
        const model = nameOf(g.model_id);
        for (let afterIdx = -1; ; ) {
          const page = listSamplesOfJobPage(db, { jobId: g.generate_job_id, afterIdx, limit: PAGE });
          if (page.length === 0) break;
          afterIdx = page[page.length - 1]!.idx;
          yield page.map((s) => ({
            study,
            design: g.design,
            model,
            generation: g.generation_index,
            seed: g.seed,
            chain: g.chain,
            recordId: s.record_id,
            idx: s.idx,
            prompt: s.prompt,
            output: s.output,
            tokenCount: s.token_count,
          }));
        }
      }
    },
  };
}

/** The real records the metrics compared against: the study's train pairs (metricsExecutor uses exactly these). */
function realSamples(db: Db, study: number, settings: unknown): ExportSample[] {
  if (!isStudySettings(settings)) return [];
  const inputs = studyInputs(db, settings);
  return inputs.train.map((r, idx) => ({
    study,
    design: REAL_MODEL,
    model: REAL_MODEL,
    generation: 0,
    seed: settings.spec.splitSeed,
    chain: null,
    recordId: r.recordId,
    idx,
    prompt: inputs.prompt(r),
    output: r.conclusion,
    tokenCount: null,
  }));
}

/** Studies made before settings were stored (or by tests) carry no dataset; they export no real records. */
function isStudySettings(s: unknown): s is StudySettings {
  const v = s as Partial<StudySettings> | null;
  return typeof v?.datasetId === "number" && typeof v.splitId === "number" && typeof v.spec === "object" && v.spec !== null;
}
