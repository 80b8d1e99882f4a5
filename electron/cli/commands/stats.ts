import type { Command } from "commander";
import { withApi } from "../context";
import { datasetIdFlag, integerFlag } from "../flags";
import { formatCorpusStats } from "./formatStats";

export function registerStatsCommand(program: Command): void {
  program
    .command("stats")
    .description("the corpus report: counts, missing values, lengths, labels, top n-grams")
    .option("--dataset <id>", "dataset id (default: newest)")
    .option("--top <n>", "how many n-grams", "15")
    .action(async (opts: { dataset?: string; top: string }, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const datasetId = await datasetIdFlag(() => call("datasets.list", {}), opts.dataset);
        const stats = await call("datasets.stats", { datasetId, top: integerFlag("--top", opts.top) });
        out.result(stats, () => formatCorpusStats(stats));
      }),
    );
}
