import type { Command } from "commander";
import { withApi } from "../context";
import { integerFlag } from "../flags";
import { formatImportReport, importProgress } from "./data";

export function registerSynthCommand(program: Command): void {
  program
    .command("synth")
    .description("generate the seeded synthetic corpus (the embedded default dataset) and import it")
    .option("--records <n>", "number of reports", "7286")
    .option("--seed <seed>", "generator seed (same seed → byte-identical corpus)", "42")
    .option("--out <file.csv>", "also keep the CSV here")
    .option("--split-seed <seed>", "seed of the stratified 70/15/15 split", "42")
    .action(async (opts: { records: string; seed: string; out?: string; splitSeed: string }, cmd: Command) =>
      withApi(cmd, async (ctx) => {
        const stop = importProgress(ctx, "synth");
        const result = await ctx.call("datasets.synth", {
          records: integerFlag("--records", opts.records),
          seed: integerFlag("--seed", opts.seed),
          ...(opts.out ? { out: opts.out } : {}),
          splitSeed: integerFlag("--split-seed", opts.splitSeed),
          operationId: "synth",
        });
        stop();
        ctx.out.result(result, () => `Synthetic corpus: ${result.csvPath}\n${formatImportReport(result)}`);
      }),
    );
}
