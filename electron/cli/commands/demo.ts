import type { Command } from "commander";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SYNTH } from "../../shared/domain/synthDefaults";
import { defaultComparisons } from "../../shared/stats/compareDesigns";
import type { RequestOf, StudyComparison } from "../../shared/api/contract";
import { withApi, type CommandContext } from "../context";
import { positiveFlag } from "../flags";
import { formatImportReport, importProgress } from "./data";
import { formatCorpusStats } from "./formatStats";
import { formatMetricTables } from "./formatMetrics";
import { buildDefaults, modelTable } from "./models";
import { formatPanel } from "./formatPanel";
import { exportAll } from "./export";
import { formatComparison } from "./compare";
import { runToEnd } from "./studies";

const STUDIES = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "resources", "studies");
const DEMO_STUDY = join(STUDIES, "paper-demo.yaml");
/** The compute-matched control, shipped beside the demo (recursive against accumulate-subsample, the same training budget per generation). */
const CONTROL_STUDY = join(STUDIES, "compute-matched-control.yaml");

type ScaleFlags = { seeds?: string; generations?: string; trainRecords?: string };
type Scale = NonNullable<RequestOf<"studies.createFromFile">["scale"]>;

/** The command line's smaller scale, for a quick try or a test (the shipped demo runs the file as it is). */
function scaleOf(flags: ScaleFlags): Scale {
  return {
    ...(flags.seeds ? { seeds: positiveFlag("--seeds", flags.seeds) } : {}),
    ...(flags.generations ? { generations: positiveFlag("--generations", flags.generations) } : {}),
    ...(flags.trainRecords ? { trainRecords: positiveFlag("--train-records", flags.trainRecords) } : {}),
  };
}

/** Runs one study file on the demo's dataset, with progress and the time left on screen, then compares its designs. */
async function runStudyFile(
  ctx: CommandContext,
  path: string,
  dataset: number,
  scale: Scale,
): Promise<{ id: number; state: string; minutes: number; comparisons: StudyComparison[] }> {
  const started = performance.now();
  const { id, jobs, name } = await ctx.call("studies.createFromFile", { path, dataset, scale });
  ctx.out.info(`study ${id} "${name}": ${jobs} jobs`);
  const state = await runToEnd(ctx, id, "studies.run", (p) => {
    const elapsed = (performance.now() - started) / 1000;
    const left = p.jobsDone > 0 ? Math.round((elapsed / p.jobsDone) * (p.jobsTotal - p.jobsDone)) : null;
    return `[${p.jobsDone}/${p.jobsTotal}] ${p.jobKey}: ${p.phase}${left !== null ? ` (about ${Math.ceil(left / 60)} min left)` : ""}`;
  });
  const { points } = await ctx.call("results.metrics", { studyId: id });
  const comparisons: StudyComparison[] = [];
  for (const [a, b] of defaultComparisons(points)) comparisons.push(await ctx.call("results.compare", { studyId: id, a, b, language: "en" }));
  return { id, state, minutes: (performance.now() - started) / 60000, comparisons };
}

/** The answer: each comparison's table, then its sentences. */
function formatAnswer(comparisons: readonly StudyComparison[]): string {
  if (!comparisons.length) return "No comparison: the study has fewer than two designs with metric points.";
  return comparisons.map(formatComparison).join("\n\n");
}

/** The main job on the embedded defaults: corpus → tiny models → the paper's study → its table and its answer. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "the demo on the embedded defaults: synthetic corpus, tiny models, " +
        "the paper's study (recursive and cross × 2 models × 5 generations × 6 seeds), ending with the comparison and its answer",
    )
    .option("--data-only", "stop after the corpus report")
    .option("--control", "also run the compute-matched control study (resources/studies/compute-matched-control.yaml)")
    .option("--seeds <n>", "run with seeds 1..n instead of the study file's (a quick try; the answer needs ≥ 6)")
    .option("--generations <n>", "run n generations instead of the study file's")
    .option("--train-records <n>", "train each generation on n records instead of the study file's")
    .action(async (opts: { dataOnly?: boolean; control?: boolean } & ScaleFlags, cmd: Command) =>
      withApi(cmd, async (ctx) => {
        const { call, dbPath, out } = ctx;
        const scale = scaleOf(opts);
        const started = performance.now();
        out.info(`workspace: ${dbPath}`);
        out.info(`generating the synthetic corpus (${DEFAULT_SYNTH.records} records, seed ${DEFAULT_SYNTH.seed}) and importing it…`);
        const stopProgress = importProgress(ctx, "demo");
        const imported = await call("datasets.synth", {
          records: DEFAULT_SYNTH.records,
          seed: DEFAULT_SYNTH.seed,
          splitSeed: DEFAULT_SYNTH.seed,
          operationId: "demo",
        });
        stopProgress();
        const stats = await call("datasets.stats", { datasetId: imported.datasetId });
        out.info([formatImportReport(imported), "", formatCorpusStats(stats), ""].join("\n"));
        if (opts.dataOnly) return out.result({ import: imported, stats }, () => "");

        out.info("building the tiny default models (cached after the first run)…");
        out.info(modelTable(await buildDefaults(ctx)));
        const main = await runStudyFile(ctx, DEMO_STUDY, imported.datasetId, scale);
        const control = opts.control ? await runStudyFile(ctx, CONTROL_STUDY, imported.datasetId, scale) : null;
        const { points } = await call("results.metrics", { studyId: main.id });
        const minutes = (performance.now() - started) / 60000;
        out.info(`exporting study ${main.id}…`);
        const exported = await exportAll(ctx, { studyId: main.id, dir: join(dirname(dbPath), "reports", `study-${main.id}`) });
        out.result(
          {
            studyId: main.id,
            state: main.state,
            minutes,
            studyMinutes: main.minutes,
            points,
            report: exported,
            comparisons: main.comparisons,
            ...(control ? { control } : {}),
          },
          () =>
            [
              `Study ${main.id}: ${main.state} in ${main.minutes.toFixed(1)} min (${minutes.toFixed(1)} min in all). ` +
                "Per-generation metrics (generation 0 = the real data; docs/metrics.md):",
              "",
              formatPanel(points),
              "",
              formatMetricTables(points),
              "",
              `Report (opens offline in any browser): ${join(exported.dir, "report.html")}`,
              `Also there: ${exported.files.filter((f) => f !== "report.html").join(", ")}`,
              ...(control
                ? [
                    "",
                    `The compute-matched control, study ${control.id}: ${control.state} in ${control.minutes.toFixed(1)} min.`,
                    "",
                    formatAnswer(control.comparisons),
                  ]
                : []),
              "",
              'The answer (paired by seed; docs/metrics.md, "Comparing designs"):',
              "",
              formatAnswer(main.comparisons),
            ].join("\n"),
        );
      }),
    );
}
