import type { Command } from "commander";
import { dirname, join } from "node:path";
import { importSynthetic } from "../../core/data/importing/importSynthetic";
import { createSplit } from "../../core/data/split/createSplit";
import { withContext } from "../context";
import { formatImportReport } from "./data";
import { parseSeed } from "./datasetOption";

export function registerSynthCommand(program: Command): void {
  program
    .command("synth")
    .description("generate the seeded synthetic corpus (the embedded default dataset) and import it")
    .option("--records <n>", "number of reports", "7286")
    .option("--seed <seed>", "generator seed (same seed → byte-identical corpus)", "42")
    .option("--out <file.csv>", "also keep the CSV here")
    .option("--split-seed <seed>", "seed of the stratified 70/15/15 split", "42")
    .action(async (opts: { records: string; seed: string; out?: string; splitSeed: string }, cmd: Command) =>
      withContext(cmd, async ({ db, dbPath, out, signal }) => {
        const records = Number(opts.records);
        const { csvPath, report } = await importSynthetic(db, {
          records,
          seed: parseSeed(opts.seed),
          dir: join(dirname(dbPath), "synthetic"),
          ...(opts.out ? { out: opts.out } : {}),
          signal,
        });
        const split = createSplit(db, { datasetId: report.datasetId, seed: parseSeed(opts.splitSeed) });
        out.result({ csvPath, ...report, split }, () =>
          `Synthetic corpus: ${csvPath}\n${formatImportReport(report)}\n  split (seed ${split.seed}): train ${split.counts.train}, val ${split.counts.val}, test ${split.counts.test}`,
        );
      }),
    );
}
