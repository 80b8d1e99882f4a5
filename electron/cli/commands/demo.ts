import type { Command } from "commander";
import { dirname, join } from "node:path";
import { DEFAULT_SYNTH } from "../../core/data/synth";
import { importSynthetic } from "../../core/data/importing/importSynthetic";
import { createSplit } from "../../core/data/split/createSplit";
import { corpusStats } from "../../core/data/stats/corpusStats";
import { withContext } from "../context";
import { formatImportReport } from "./data";
import { formatCorpusStats } from "./formatStats";

/** The main job on the embedded defaults. Until the study engine lands: the data pipeline. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run the demo on the embedded defaults: synthetic corpus → import → split → corpus report")
    .action(async (_opts, cmd: Command) =>
      withContext(cmd, async ({ db, dbPath, out, signal }) => {
        out.info(`workspace: ${dbPath}`);
        out.info(`generating the synthetic corpus (${DEFAULT_SYNTH.records} records, seed ${DEFAULT_SYNTH.seed}) and importing it…`);
        const { csvPath, report } = await importSynthetic(db, { ...DEFAULT_SYNTH, dir: join(dirname(dbPath), "synthetic"), signal });
        const split = createSplit(db, { datasetId: report.datasetId, seed: DEFAULT_SYNTH.seed });
        const stats = corpusStats(db, { datasetId: report.datasetId });
        out.result({ csvPath, import: report, split, stats }, () =>
          [formatImportReport(report), `  split (seed ${split.seed}): train ${split.counts.train}, val ${split.counts.val}, test ${split.counts.test}`, "", formatCorpusStats(stats)].join("\n"),
        );
      }),
    );
}
