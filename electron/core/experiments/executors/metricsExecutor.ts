import type { JobExecutionContext, JobResult } from "../../jobs/JobExecutor";
import { listSamplesOfJob } from "../../db/queries/samples";
import { upsertMetricPoints } from "../../db/queries/metricPoints";
import { basicGenerationMetrics } from "../../metrics/basicMetrics";
import type { MetricsParams } from "../PlannedJob";
import type { StudySettings } from "../createStudy";
import { studyInputs } from "./studyInputs";
import type { EvaluateOutput } from "./evaluateExecutor";

/** The metric points of one generation (generation 0: the real data and the base model). */
export function metricsExecutor(settings: StudySettings) {
  return async (ctx: JobExecutionContext): Promise<JobResult> => {
    const p = ctx.params as MetricsParams;
    const inputs = studyInputs(ctx.db, settings);
    const realById = new Map(inputs.train.map((r) => [r.recordId, r.conclusion]));
    const samples = p.generate ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(p.generate) }) : null;
    const outputs = samples ? samples.map((s) => s.output) : inputs.train.map((r) => r.conclusion);
    const real = samples ? samples.map((s) => realById.get(s.record_id ?? -1) ?? "") : inputs.train.map((r) => r.conclusion);
    const m1 = p.m1 ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(p.m1) }).map((s) => s.output) : null;
    const values = basicGenerationMetrics({ outputs, real, m1 });
    values.push({ metric: "perplexity_real", value: (ctx.outputOf(p.evaluate) as EvaluateOutput).perplexity });
    const model = settings.models[p.model]!.name;
    const points = values.map((v) => ({ experiment_id: ctx.experimentId, generation_id: null, design: p.design, model, generation_index: p.generation, seed: p.seed, metric: v.metric, value: v.value, low: null, high: null }));
    return { output: { metrics: values.length }, commit: (db) => upsertMetricPoints(db, points) };
  };
}
