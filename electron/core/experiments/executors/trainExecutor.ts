import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { JobExecutor } from "../../jobs/JobExecutor";
import { listSamplesOfJob } from "../../db/queries/samples";
import { insertAdapter } from "../../db/queries/models";
import { sha256OfFile } from "../../data/importing/hashFile";
import { TrainerProcess } from "../../train/TrainerProcess";
import { TrainerError } from "../../train/TrainerError";
import { LossCurve } from "../../train/LossCurve";
import { assembleTrainingSet, type TrainingPair } from "../assembleTrainingSet";
import type { TrainOutput } from "../../jobs/jobSchemas";
import type { StudySettings } from "../createStudy";
import { jobSeed, studyInputsOnce } from "./studyInputs";
import { trainableOutputs } from "../trainableOutputs";

/** Trains generation k's adapter on the data its design gives it (see assembleTrainingSet). */
export function trainExecutor(settings: StudySettings, threads: number | undefined): JobExecutor<"train"> {
  const inputsOf = studyInputsOnce(settings);
  return async (ctx) => {
    const p = ctx.params;
    const inputs = inputsOf(ctx.db);
    const real: TrainingPair[] = inputs.train.map((r) => ({
      recordId: r.recordId,
      prompt: inputs.prompt(r, p.model),
      answer: inputs.answer(r),
      origin: "real",
    }));
    let cutExcluded = 0;
    const synthetic = p.data.synthetic.map((key) => {
      // a cut output is no finished answer: excluded, or kept as written (the study's generate.cutOutputs)
      const { kept, excluded } = trainableOutputs(listSamplesOfJob(ctx.db, { jobId: ctx.jobIdOf(key) }), settings.spec.generate.cutOutputs);
      cutExcluded += excluded;
      return kept.map((s): TrainingPair => ({ recordId: s.record_id, prompt: s.prompt, answer: ` ${s.output.trim()}\n`, origin: key }));
    });
    if (cutExcluded) ctx.log("info", `${cutExcluded} output(s) cut at maxTokens left out of the training set (generate.cutOutputs: exclude)`);
    const seed = jobSeed(p.seed, p.model, p.generation);
    const pairs = assembleTrainingSet(real, synthetic, p.data, seed);
    if (pairs.length === 0) {
      throw new Error(
        `generation ${p.generation} has nothing to train on: ` +
          (cutExcluded
            ? `all ${cutExcluded} outputs it would learn from were cut at maxTokens and excluded; ` +
              'raise generate.maxTokens (or "auto") or set generate.cutOutputs: keep'
            : "its training set is empty"),
      );
    }
    const dir = join(ctx.workDir, "train");
    mkdirSync(dir, { recursive: true });
    const data = join(dir, `${ctx.job.key}.jsonl`);
    writeFileSync(data, pairs.map((x) => JSON.stringify({ prompt: x.prompt, answer: x.answer })).join("\n") + "\n");
    const adapter = join(dir, `${ctx.job.key}.gguf`);
    const t = settings.spec.train;
    const initFrom = p.initFrom ? ctx.outputOf(p.initFrom, "train").adapter : undefined;
    const resume = existsSync(`${adapter}.ckpt.adapter.gguf`);
    if (resume) ctx.log("info", "resuming the trainer from its checkpoint");
    const model = settings.models[p.model]!;
    // a resumed training goes on drawing the curve its first attempt stored
    const curve = resume ? LossCurve.fromProgress(ctx.job.progress_json) : new LossCurve();
    const r = await TrainerProcess.run(
      "lora",
      {
        base: model.path,
        train: data,
        val_fraction: t.valFraction,
        out: adapter,
        rank: t.rank,
        alpha: t.alpha,
        targets: t.targets,
        lr: t.learningRate,
        lr_min: t.learningRate / 10,
        schedule: t.schedule,
        epochs: t.epochs,
        ctx: inputs.trainContext,
        seed,
        checkpoint_every: 50,
        ...(initFrom ? { init_adapter: initFrom } : {}),
        // only when on: the config is a checkpoint's identity, and plain studies' checkpoints must still resume
        ...(inputs.specialTokens ? { special_tokens: true } : {}),
        ...(t.packPairs ? { pack: true } : {}),
      },
      {
        resume,
        signal: ctx.signal,
        ...(threads ? { threads } : {}),
        onLog: (line) => /error|warn/i.test(line) && ctx.log("warn", line),
        onProgress: (x) => {
          if (x.phase === "train" && x.loss !== null) curve.add(x.step, x.loss);
          ctx.progress({
            fraction: x.steps ? x.step / x.steps : 0,
            phase: x.phase === "val" ? "validating" : "training",
            tokensPerSecond: x.tokens_per_s ?? 0,
            etaSeconds: x.eta_s,
            detail: { loss: x.loss, valLoss: x.val_loss, epoch: x.epoch, model: model.name, curve: curve.toJSON() },
          });
        },
      },
    ).catch((error: unknown) => {
      if (error instanceof TrainerError && error.code === "answer_too_long") {
        throw new Error(`${error.message}: raise train.contextSize in the study (a multiple of 256; whole reports need 512 or more)`, { cause: error });
      }
      throw error;
    });
    const sha256 = await sha256OfFile(adapter);
    const output: TrainOutput = {
      adapter,
      sha256,
      trainLoss: r.train_loss,
      valLoss: r.val_loss,
      initialValLoss: r.initial_val_loss,
      pairs: pairs.length,
      cutExcluded,
      tokensPerSecond: r.tokens_per_s,
      seconds: r.seconds,
      steps: r.steps,
    };
    ctx.log("info", `trained on ${pairs.length} pairs in ${r.steps} steps`);
    return {
      output,
      commit: (db) =>
        void insertAdapter(db, {
          modelId: model.id,
          experimentId: ctx.experimentId,
          jobId: ctx.job.id,
          path: adapter,
          sha256,
          trainJson: JSON.stringify({ params: p, result: r }),
        }),
    };
  };
}
