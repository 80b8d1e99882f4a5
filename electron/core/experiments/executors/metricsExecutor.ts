import type { JobExecutionContext, JobResult } from "../../jobs/JobExecutor";
import { listSamplesOfJob } from "../../db/queries/samples";
import { upsertMetricPoints } from "../../db/queries/metricPoints";
import { computeMetricsInWorker } from "../../metrics/computeMetricsInWorker";
import type { MetricsParams } from "../PlannedJob";
import type { StudySettings } from "../createStudy";
import { jobSeed, studyInputs } from "./studyInputs";
import type { EvaluateOutput } from "./evaluateExecutor";
import type { TrainOutput } from "./trainExecutor";
import type { MetricValue } from "../../metrics/metricNames";

/**
 * The metric points of one generation (docs/metrics.md). Generation 0 is the real data: the real
 * answers (conclusions, or whole reports in report mode) measured as if they were outputs, against themselves, and the base model's perplexity.
 */
export function metricsExecutor(settings: StudySettings) {
  return async (ctx: JobExecutionContext): Promise<JobResult> => {
    const p = ctx.params as MetricsParams;
    const inputs = studyInputs(ctx.db, settings);
    const pairById = new Map(inputs.train.map((r) => [r.recordId, r]));
    const samples = p.generate ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(p.generate) }) : null;
    // the real text a model learns to write: the conclusion, or in report mode the whole report
    const realText = (r: { description: string; conclusion: string }) => inputs.answer(r).trim();
    const realConclusions = inputs.train.map(realText);
    const pairs = samples ? samples.map((s) => pairById.get(s.record_id ?? -1)) : inputs.train;
    const outputs = samples ? samples.map((s) => s.output) : realConclusions;
    const m1 = p.m1 ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(p.m1) }).map((s) => s.output) : null;
    const m1Again = p.m1Again ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(p.m1Again) }).map((s) => s.output) : null;
    const { metrics } = settings.spec;
    const evaluation = ctx.outputOf(p.evaluate) as EvaluateOutput;
    // on a worker thread: the runner keeps beating its heartbeat and hears a cancel meanwhile
    const values = await computeMetricsInWorker(
      {
        outputs,
        real: samples ? pairs.map((r) => (r ? realText(r) : "")) : realConclusions,
        descriptions: pairs.map((r) => r?.description ?? ""),
        m1,
        m1Again,
        realPool: inputs.trainPool().map(realText),
        perplexity: evaluation.perplexity,
        ...(evaluation.perItem ? { perplexityItems: evaluation.perItem } : {}),
      },
      { seed: jobSeed(p.seed, p.model, p.generation), bootstrap: metrics.bootstrap, noiseFloorSeeds: metrics.noiseFloorSeeds },
      ctx.signal,
    );
    values.push({ metric: "metrics_seed", value: jobSeed(p.seed, p.model, p.generation), low: null, high: null });
    if (p.train) {
      const trained = ctx.outputOf(p.train) as TrainOutput;
      const compute: MetricValue[] = [{ metric: "train_pairs", value: trained.pairs, low: null, high: null }];
      if (trained.steps !== undefined) compute.push({ metric: "train_steps", value: trained.steps, low: null, high: null });
      values.push(...compute);
    }
    const model = settings.models[p.model]!.name;
    const points = values.map((v) => ({ experiment_id: ctx.experimentId, generation_id: null, design: p.design, model, generation_index: p.generation, seed: p.seed, ...v }));
    return { output: { metrics: values.length }, commit: (db) => upsertMetricPoints(db, points) };
  };
}
