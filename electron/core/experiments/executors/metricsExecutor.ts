import type { JobExecutor } from "../../jobs/JobExecutor";
import { designKey } from "../../../shared/domain/design";
import { listSamplesOfJob } from "../../db/queries/samples";
import { upsertMetricPoints } from "../../db/queries/metricPoints";
import { computeMetricsInWorker } from "../../metrics/computeMetricsInWorker";
import { clinicalPanel } from "../../metrics/clinicalPanel";
import { baselineOutputs } from "../../metrics/panelBaselines";
import type { GenerationMetricsInput } from "../../metrics/generationMetrics";
import type { MetricValue } from "../../metrics/metricNames";
import { BASELINE_DESIGNS, heldoutMetric } from "../../../shared/domain/clinicalPanel";
import type { StudySettings } from "../createStudy";
import type { RealPair } from "../studyData";
import { jobSeed, studyInputsOnce } from "./studyInputs";

/**
 * The metric points of one generation (docs/metrics.md), read on its training prompts (bare ids)
 * and on the study's held-out prompts (ids ending "@heldout"). Generation 0 is the real data: the
 * real answers (conclusions, or whole reports in report mode) measured as if they were outputs,
 * against themselves, and the base model's perplexity; on the held-out prompts it also stores the
 * trivial baselines' clinical panel, the reference rows beside every generation's.
 */
export function metricsExecutor(settings: StudySettings): JobExecutor<"metrics"> {
  const inputsOf = studyInputsOnce(settings);
  return async (ctx) => {
    const p = ctx.params;
    const inputs = inputsOf(ctx.db);
    // the real text a model learns to write: the conclusion, or in report mode the whole report
    const realText = (r: { description: string; conclusion: string }) => inputs.answer(r).trim();
    // the panel reads EU-TIRADS categories and findings from a conclusion, not from a whole report
    const panel = inputs.mode === "conclusion";
    const { metrics } = settings.spec;
    const seed = jobSeed(p.seed, p.model, p.generation);
    const evaluation = ctx.outputOf(p.evaluate, "evaluate");

    /** The metrics of one prompt set: a generate job's samples, or (null) the real answers themselves. */
    const samplesOf = (key: string | null | undefined) => (key ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(key) }).map((s) => s.output) : null);
    // two disjoint real samples of a generation's own size are drawn from the whole real training split (the floor vs real)
    const realPool = inputs.trainPool().map(realText);
    const measure = (
      set: readonly RealPair[],
      generateKey: string | null,
      m1Key: string | null,
      m1AgainKey: string | null,
      extra: Partial<GenerationMetricsInput>,
    ) => {
      const pairById = new Map(set.map((r) => [r.recordId, r]));
      const samples = generateKey ? listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(generateKey) }) : null;
      const realAnswers = set.map(realText);
      const pairs = samples ? samples.map((s) => pairById.get(s.record_id ?? -1)) : set;
      return computeMetricsInWorker(
        {
          outputs: samples ? samples.map((s) => s.output) : realAnswers,
          real: samples ? pairs.map((r) => (r ? realText(r) : "")) : realAnswers,
          descriptions: pairs.map((r) => r?.description ?? ""),
          m1: samplesOf(m1Key),
          m1Again: samplesOf(m1AgainKey),
          realPool,
          ...(panel ? { panel: { finishReasons: samples ? samples.map((s) => s.finish_reason) : null } } : {}),
          ...extra,
        },
        { seed, bootstrap: metrics.bootstrap, noiseFloorSeeds: metrics.noiseFloorSeeds },
        // on a worker thread: the runner keeps beating its heartbeat and hears a cancel meanwhile
        ctx.signal,
      );
    };

    const model = settings.models[p.model]!.name;
    const row = (design: string, metric: string, v: MetricValue) => ({
      experiment_id: ctx.experimentId,
      generation_id: null,
      design,
      model,
      // generation 0 is the real data: no lineage
      chain: p.generation >= 1 ? p.chain : null,
      generation_index: p.generation,
      seed: p.seed,
      ...v,
      metric,
    });
    const onTrain = await measure(inputs.train, p.generate, p.m1, p.m1Again ?? null, {
      perplexity: evaluation.perplexity,
      ...(evaluation.perItem ? { perplexityItems: evaluation.perItem } : {}),
    });
    const design = designKey(p.design);
    onTrain.push({ metric: "metrics_seed", value: seed, low: null, high: null });
    if (p.train) {
      const trained = ctx.outputOf(p.train, "train");
      onTrain.push({ metric: "train_pairs", value: trained.pairs, low: null, high: null });
      if (trained.steps !== undefined) onTrain.push({ metric: "train_steps", value: trained.steps, low: null, high: null });
    }
    const points = onTrain.map((v) => row(design, v.metric, v));
    // jobs planned before held-out prompts existed carry no "heldout" key, and get no held-out points
    if ("heldout" in p) {
      if (p.generate === null || p.heldout) {
        const onHeldout = await measure(inputs.test, p.generate === null ? null : p.heldout!, p.m1Heldout ?? null, null, {});
        points.push(...onHeldout.map((v) => row(design, heldoutMetric(v.metric), v)));
      }
      if (p.generate === null && panel) {
        const descriptions = inputs.test.map((r) => r.description);
        const real = inputs.test.map(realText);
        const outputs = baselineOutputs(inputs.train.map(realText), descriptions);
        for (const design of BASELINE_DESIGNS) {
          ctx.signal.throwIfAborted();
          const values = clinicalPanel({ outputs: outputs[design], real, descriptions }, { seed, bootstrap: metrics.bootstrap });
          points.push(...values.map((v) => row(design, heldoutMetric(v.metric), v)));
        }
      }
    }
    return { output: { metrics: points.length }, commit: (db) => upsertMetricPoints(db, points) };
  };
}
