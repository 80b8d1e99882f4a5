import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { JobExecutor } from "../../jobs/JobExecutor";
import type { EvaluateOutput } from "../../jobs/jobSchemas";
import { TrainerProcess } from "../../train/TrainerProcess";
import type { StudySettings } from "../createStudy";
import { studyInputsOnce } from "./studyInputs";

/** Perplexity of the held-out real answers (test split) under the generation's model. */
export function evaluateExecutor(settings: StudySettings, threads: number | undefined): JobExecutor<"evaluate"> {
  const inputsOf = studyInputsOnce(settings);
  return async (ctx) => {
    const p = ctx.params;
    const inputs = inputsOf(ctx.db);
    const dir = join(ctx.workDir, "eval");
    mkdirSync(dir, { recursive: true });
    const data = join(dir, "test-pairs.jsonl");
    writeFileSync(data, inputs.test.map((r) => JSON.stringify({ prompt: inputs.prompt(r, p.model), answer: inputs.answer(r) })).join("\n") + "\n");
    const adapter = p.train ? ctx.outputOf(p.train, "train").adapter : undefined;
    const r = await TrainerProcess.run(
      "eval",
      {
        base: settings.models[p.model]!.path,
        ...(adapter ? { adapter } : {}),
        data,
        ctx: 1024,
        per_item: true,
        ...(inputs.specialTokens ? { special_tokens: true } : {}),
      },
      {
        signal: ctx.signal,
        ...(threads ? { threads } : {}),
        onProgress: (x) => ctx.progress({ fraction: x.steps ? x.step / x.steps : 0, phase: "evaluating" }),
      },
    );
    const perItem = r.per_item?.map((x) => ({ tokens: x.tokens, sumLogprob: x.sum_logprob }));
    const output: EvaluateOutput = {
      perplexity: r.perplexity,
      meanNll: r.mean_nll,
      tokens: r.tokens,
      items: r.items,
      processedTokens: r.processed_tokens,
      seconds: r.seconds,
      ...(perItem ? { perItem } : {}),
    };
    return { output };
  };
}
