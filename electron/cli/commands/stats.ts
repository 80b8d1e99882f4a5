import type { Command } from "commander";
import { corpusStats } from "../../core/data/stats/corpusStats";
import { withContext } from "../context";
import { resolveDataset } from "./datasetOption";
import { formatCorpusStats } from "./formatStats";

export function registerStatsCommand(program: Command): void {
  program
    .command("stats")
    .description("the corpus report: counts, missing values, lengths, labels, top n-grams")
    .option("--dataset <id>", "dataset id (default: newest)")
    .option("--top <n>", "how many n-grams", "15")
    .action(async (opts: { dataset?: string; top: string }, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const ds = resolveDataset(db, opts.dataset);
        const stats = corpusStats(db, { datasetId: ds.id, top: Number(opts.top) });
        out.result(stats, () => formatCorpusStats(stats));
      }),
    );
}
