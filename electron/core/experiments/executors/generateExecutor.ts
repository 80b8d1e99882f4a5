import type { JobExecutor } from "../../jobs/JobExecutor";
import { deleteSamplesOfJob, insertSamples } from "../../db/queries/samples";
import { generateSamples } from "../../generate/generateSamples";
import { describeBuild } from "../../generate/LlamaRuntime";
import type { StudySettings } from "../createStudy";
import { jobSeed, studyInputsOnce, type StudyInputs } from "./studyInputs";
import { autoMaxTokens, tokenLengths } from "../../generate/autoMaxTokens";
import { isCut } from "../../metrics/clinicalPanel";
import { oneAtATime } from "../../generate/oneAtATime";

/** every generate job of the process, whatever study it belongs to, one at a time */
const inTurn = oneAtATime();

const AGAIN_SEED = 0x5eed_a9a1;

/** Generation k writes an answer for every training prompt: the synthetic corpus G_k. */
export function generateExecutor(settings: StudySettings, threads?: number): JobExecutor<"generate"> {
  // the same for every generate job of a model in the study: measured on its vocabulary once per run
  const measured = new Map<number, Promise<{ maxTokens: number; heldoutLengths: number[] }>>();
  const measure = (model: number, inputs: StudyInputs) => {
    let facts = measured.get(model);
    if (!facts) {
      const { maxTokens } = settings.spec.generate;
      facts = tokenLengths(
        settings.models[model]!.path,
        {
          answers: maxTokens === "auto" ? inputs.train.map((x) => ({ prompt: inputs.prompt(x, model), answer: inputs.answer(x) })) : [],
          prompts: inputs.test.map((x) => inputs.prompt(x, model)),
        },
        inputs.specialTokens,
      ).then((r) => ({ maxTokens: maxTokens === "auto" ? autoMaxTokens(r.answers) : maxTokens, heldoutLengths: r.prompts }));
      // a failure is not kept: the job's next attempt measures again
      facts.catch(() => measured.delete(model));
      measured.set(model, facts);
    }
    return facts;
  };
  const inputsOf = studyInputsOnce(settings);
  return (ctx) =>
    inTurn(async () => {
      const p = ctx.params;
      const inputs = inputsOf(ctx.db);
      const g = settings.spec.generate;
      const adapter = ctx.outputOf(p.train, "train").adapter;
      const prompts = p.prompts ?? "train";
      // each sample's seed comes from this and its record id (sampleSeed): the two prompt sets hold different records
      // the second sampling of generation 1 draws with another seed from the same adapter
      const seed = p.again ? jobSeed(p.seed, p.model, p.generation) ^ AGAIN_SEED : jobSeed(p.seed, p.model, p.generation);
      const modelPath = settings.models[p.model]!.path;
      const facts = await measure(p.model, inputs);
      const { maxTokens } = facts;
      if (g.maxTokens === "auto")
        ctx.log("info", `maxTokens auto: ${maxTokens} (99 % of the train split's answers fit in this model's tokens, with a quarter more)`);
      let asked = (prompts === "heldout" ? inputs.test : inputs.train).map((x) => ({ id: x.recordId, prompt: inputs.prompt(x, p.model) }));
      let tooLong = 0;
      if (prompts === "heldout") {
        // a measurement set, not a corpus: a held-out prompt that leaves no room for an answer in
        // generate.contextSize is left out and counted (a training prompt that long stays an error);
        // heldoutLengths are in inputs.test's order, as `asked` is
        const fitting = asked.filter((_, i) => facts.heldoutLengths[i]! < g.contextSize);
        tooLong = asked.length - fitting.length;
        asked = fitting;
        if (tooLong) ctx.log("warn", `${tooLong} held-out prompt(s) longer than generate.contextSize (${g.contextSize} tokens) left out of the held-out set`);
      }
      const r = await generateSamples({
        modelPath,
        loraPath: adapter,
        prompts: asked,
        seed,
        temperature: g.temperature,
        topP: g.topP,
        topK: g.topK,
        maxTokens,
        stop: inputs.stop,
        sequences: g.sequences,
        batching: g.batching,
        contextSize: g.contextSize,
        // given (jobs side by side, or the caller's choice): no measuring of 1 thread against every core
        ...(threads ? { threads } : {}),
        specialTokens: inputs.specialTokens,
        signal: ctx.signal,
        onProgress: (x) =>
          ctx.progress({
            fraction: x.done / x.total,
            phase: "generating",
            tokensPerSecond: x.tokensPerSecond,
            etaSeconds: x.etaSeconds,
            detail: { done: x.done, total: x.total },
          }),
      });
      const cut = r.samples.filter((x) => isCut(x.finishReason)).length;
      ctx.log(
        "info",
        `generated ${r.samples.length} samples for the ${prompts === "heldout" ? "held-out" : "training"} prompts (${cut} cut at maxTokens ${maxTokens}) ` +
          `on ${r.backend.gpu || "CPU"} (${describeBuild(r.backend.build)})${r.backend.fallbackReason ? ` (${r.backend.fallbackReason})` : ""}` +
          `${r.threads ? `, ${r.threads} thread(s) by measurement` : ""}, ${Math.round(r.tokensPerSecond)} tokens/s`,
      );
      return {
        output: {
          samples: r.samples.length,
          prompts,
          maxTokens,
          cut,
          ...(prompts === "heldout" ? { tooLong } : {}),
          generatedTokens: r.generatedTokens,
          tokensPerSecond: r.tokensPerSecond,
          seconds: r.seconds,
          setupSeconds: r.setupSeconds,
          backend: r.backend,
          promptTemplate: inputs.template,
          promptFormat: inputs.format,
          stop: inputs.stop,
        },
        commit: (db) => {
          deleteSamplesOfJob(db, { jobId: ctx.job.id });
          insertSamples(
            db,
            r.samples.map((s, idx) => ({
              job_id: ctx.job.id,
              idx,
              record_id: s.id,
              prompt: s.prompt,
              output: s.output,
              token_count: s.tokenCount,
              finish_reason: s.finishReason,
              seed: s.seed,
            })),
          );
        },
      };
    });
}
