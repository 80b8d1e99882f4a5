import type { Command } from "commander";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SYNTH } from "../../shared/domain/synthDefaults";
import { withApi } from "../context";
import { formatImportReport, importProgress } from "./data";
import { formatCorpusStats } from "./formatStats";
import { formatMetricTables } from "./formatMetrics";
import { buildDefaults, modelTable } from "./models";
import { formatPanel } from "./formatPanel";
import { exportAll } from "./export";
import { runToEnd } from "./studies";

const DEMO_STUDY = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "resources", "studies", "paper-demo.yaml");

/** The main job on the embedded defaults: corpus → tiny models → the paper's study → its table. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("the demo on the embedded defaults: synthetic corpus, tiny models, the paper's study (recursive, cross, accumulate × 5 generations)")
    .option("--data-only", "stop after the corpus report")
    .action(async (opts: { dataOnly?: boolean }, cmd: Command) =>
      withApi(cmd, async (ctx) => {
        const { call, dbPath, out } = ctx;
        const started = performance.now();
        out.info(`workspace: ${dbPath}`);
        out.info(`generating the synthetic corpus (${DEFAULT_SYNTH.records} records, seed ${DEFAULT_SYNTH.seed}) and importing it…`);
        const stopProgress = importProgress(ctx, "demo");
        const imported = await call("datasets.synth", { records: DEFAULT_SYNTH.records, seed: DEFAULT_SYNTH.seed, splitSeed: DEFAULT_SYNTH.seed, operationId: "demo" });
        stopProgress();
        const stats = await call("datasets.stats", { datasetId: imported.datasetId });
        out.info([formatImportReport(imported), "", formatCorpusStats(stats), ""].join("\n"));
        if (opts.dataOnly) return out.result({ import: imported, stats }, () => "");

        out.info("building the tiny default models (cached after the first run)…");
        out.info(modelTable(await buildDefaults(ctx)));
        const { id, jobs, name } = await call("studies.createFromFile", { path: DEMO_STUDY, dataset: imported.datasetId });
        out.info(`study ${id} "${name}": ${jobs} jobs`);
        const state = await runToEnd(ctx, id, "studies.run", (p) => `[${p.jobsDone}/${p.jobsTotal}] ${p.jobKey}: ${p.phase}`);
        const metrics = await call("results.metrics", { studyId: id });
        const minutes = (performance.now() - started) / 60000;
        out.info(`exporting study ${id}…`);
        const exported = await exportAll(ctx, { studyId: id, dir: join(dirname(dbPath), "reports", `study-${id}`) });
        out.result({ studyId: id, state, minutes, metrics, report: exported }, () =>
          [
            `Study ${id}: ${state} in ${minutes.toFixed(1)} min. Per-generation metrics (generation 0 = the real data; docs/metrics.md):`,
            "",
            formatPanel(metrics.points),
            "",
            formatMetricTables(metrics.points),
            "",
            `Report (opens offline in any browser): ${join(exported.dir, "report.html")}`,
            `Also there: ${exported.files.filter((f) => f !== "report.html").join(", ")}`,
          ].join("\n"),
        );
      }),
    );
}
