import type { Command } from "commander";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SYNTH } from "../../core/data/synth";
import { importSynthetic } from "../../core/data/importing/importSynthetic";
import { createSplit } from "../../core/data/split/createSplit";
import { corpusStats } from "../../core/data/stats/corpusStats";
import { readStudyFile } from "../../core/experiments/readStudyFile";
import { createStudy } from "../../core/experiments/createStudy";
import { runStudy } from "../../core/experiments/runStudy";
import { collectVersions } from "../../core/experiments/versions";
import { listMetricPoints, toMetricPoint } from "../../core/db/queries/metricPoints";
import { withContext } from "../context";
import { formatImportReport } from "./data";
import { formatCorpusStats } from "./formatStats";
import { formatMetricTables } from "./formatMetrics";
import { formatPanel } from "./formatPanel";
import { buildAndRegisterDefaults, modelTable } from "./models";
import { exportAll } from "./export";

const DEMO_STUDY = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "resources", "studies", "paper-demo.yaml");

/** The main job on the embedded defaults: corpus → tiny models → the paper's study → its table. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("the demo on the embedded defaults: synthetic corpus, tiny models, the paper's study (recursive, cross, accumulate × 5 generations)")
    .option("--data-only", "stop after the corpus report")
    .action(async (opts: { dataOnly?: boolean }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { db, dbPath, out, signal } = ctx;
        const started = performance.now();
        const workspace = dirname(dbPath);
        out.info(`workspace: ${dbPath}`);
        out.info(`generating the synthetic corpus (${DEFAULT_SYNTH.records} records, seed ${DEFAULT_SYNTH.seed}) and importing it…`);
        const { csvPath, report } = await importSynthetic(db, { ...DEFAULT_SYNTH, dir: join(workspace, "synthetic"), signal });
        const split = createSplit(db, { datasetId: report.datasetId, seed: DEFAULT_SYNTH.seed });
        const stats = corpusStats(db, { datasetId: report.datasetId });
        out.info([formatImportReport(report), `  split (seed ${split.seed}): train ${split.counts.train}, val ${split.counts.val}, test ${split.counts.test}`, "", formatCorpusStats(stats), ""].join("\n"));
        if (opts.dataOnly) return out.result({ csvPath, import: report, split, stats }, () => "");

        out.info("building the tiny default models (cached after the first run)…");
        out.info(modelTable(await buildAndRegisterDefaults(ctx)));
        const { spec, source } = readStudyFile(DEMO_STUDY);
        const { id, jobs } = createStudy(db, { spec: { ...spec, dataset: report.datasetId }, source, versions: collectVersions() });
        out.info(`study ${id} "${spec.name}": ${jobs} jobs`);
        let last = "";
        const state = await runStudy(db, id, {
          workspaceDir: workspace,
          signal,
          onProgress: (p) => {
            const line = `[${p.jobsDone}/${p.jobsTotal}] ${p.jobKey}: ${p.phase}`;
            if (line !== last) out.info(line);
            last = line;
          },
        });
        const points = listMetricPoints(db, { experimentId: id });
        const minutes = (performance.now() - started) / 60000;
        out.info(`exporting study ${id}…`);
        const exported = await exportAll(ctx, { studyId: id, dir: join(workspace, "reports", `study-${id}`) });
        out.result({ studyId: id, state, minutes, points, report: exported }, () =>
          [
            `Study ${id}: ${state} in ${minutes.toFixed(1)} min. Per-generation metrics (generation 0 = the real data; docs/metrics.md):`,
            "",
            formatPanel(points.map(toMetricPoint)),
            "",
            formatMetricTables(points),
            "",
            `Report (opens offline in any browser): ${join(exported.dir, "report.html")}`,
            `Also there: ${exported.files.filter((f) => f !== "report.html").join(", ")}`,
          ].join("\n"),
        );
      }),
    );
}
