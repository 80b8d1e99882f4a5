import type { JobExecutionContext, JobResult } from "../../jobs/JobExecutor";
import { deleteSamplesOfJob, insertSamples } from "../../db/queries/samples";
import { generateSamples } from "../../generate/generateSamples";
import { describeBuild } from "../../generate/LlamaRuntime";
import type { GenerateParams } from "../PlannedJob";
import type { StudySettings } from "../createStudy";
import { jobSeed, studyInputs } from "./studyInputs";
import type { TrainOutput } from "./trainExecutor";

const AGAIN_SEED = 0x5eed_a9a1;

/** Generation k writes an answer for every training prompt: the synthetic corpus G_k. */
export function generateExecutor(settings: StudySettings) {
  return async (ctx: JobExecutionContext): Promise<JobResult> => {
    const p = ctx.params as GenerateParams;
    const inputs = studyInputs(ctx.db, settings);
    const g = settings.spec.generate;
    const adapter = (ctx.outputOf(p.train) as TrainOutput).adapter;
    // the second sampling of generation 1 draws with another seed from the same adapter
    const seed = p.again ? jobSeed(p.seed, p.model, p.generation) ^ AGAIN_SEED : jobSeed(p.seed, p.model, p.generation);
    const r = await generateSamples({
      modelPath: settings.models[p.model]!.path,
      loraPath: adapter,
      prompts: inputs.train.map((x) => ({ id: x.recordId, prompt: inputs.prompt(x) })),
      seed,
      temperature: g.temperature,
      topP: g.topP,
      topK: g.topK,
      maxTokens: g.maxTokens,
      stop: inputs.stop,
      sequences: g.sequences,
      batching: g.batching,
      contextSize: g.contextSize,
      signal: ctx.signal,
      onProgress: (x) => ctx.progress({ fraction: x.done / x.total, phase: "generating", tokensPerSecond: x.tokensPerSecond, etaSeconds: x.etaSeconds, detail: { done: x.done, total: x.total } }),
    });
    ctx.log("info", `generated ${r.samples.length} samples on ${r.backend.gpu || "CPU"} (${describeBuild(r.backend.build)})${r.backend.fallbackReason ? ` (${r.backend.fallbackReason})` : ""}${r.threads ? `, ${r.threads} thread(s) by measurement` : ""}, ${Math.round(r.tokensPerSecond)} tokens/s`);
    return {
      output: { samples: r.samples.length, generatedTokens: r.generatedTokens, tokensPerSecond: r.tokensPerSecond, seconds: r.seconds, backend: r.backend, promptTemplate: inputs.template, stop: inputs.stop },
      commit: (db) => {
        deleteSamplesOfJob(db, { jobId: ctx.job.id });
        insertSamples(db, r.samples.map((s, idx) => ({ job_id: ctx.job.id, idx, record_id: s.id, prompt: s.prompt, output: s.output, token_count: s.tokenCount, finish_reason: s.finishReason, seed: s.seed })));
      },
    };
  };
}
