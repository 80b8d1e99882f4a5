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
import { listMetricPoints } from "../../core/db/queries/metricPoints";
import { withContext } from "../context";
import { formatImportReport } from "./data";
import { formatCorpusStats } from "./formatStats";
import { formatMetricTables } from "./formatMetrics";
import { buildAndRegisterDefaults, modelTable } from "./models";
import { exportAll } from "./export";
import { formatComparison } from "./compare";
import { compareHandlers } from "../../core/api/compareHandlers";
import { defaultComparisons } from "../../shared/stats/compareDesigns";
import { toMetricPoint } from "../../core/db/queries/metricPoints";
import type { StudyComparison } from "../../shared/api/contract";
import type { CommandContext } from "../context";
import type { StudySpec } from "../../shared/domain/study";

const STUDIES = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "resources", "studies");
const DEMO_STUDY = join(STUDIES, "paper-demo.yaml");
/** The compute-matched control, shipped beside the demo (accumulate-subsample against plain accumulate). */
const CONTROL_STUDY = join(STUDIES, "compute-matched-control.yaml");

type Scale = { seeds?: string; generations?: string; trainRecords?: string };

/** The study file with the command line's smaller scale, for a quick try or a test (the shipped demo runs the file as it is). */
function scaled(spec: StudySpec, scale: Scale): StudySpec {
  const int = (text: string, flag: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag}: a whole number ≥ 1, got "${text}"`);
    return n;
  };
  return {
    ...spec,
    ...(scale.seeds ? { seeds: Array.from({ length: int(scale.seeds, "seeds") }, (_, i) => i + 1) } : {}),
    ...(scale.generations ? { generations: int(scale.generations, "generations") } : {}),
    ...(scale.trainRecords ? { trainRecords: int(scale.trainRecords, "train-records") } : {}),
  };
}

/** Runs one study file on the demo's dataset, with progress and the time left on screen. */
async function runStudyFile(ctx: CommandContext, file: string, datasetId: number, scale: Scale): Promise<{ id: number; state: string; minutes: number; comparisons: StudyComparison[] }> {
  const { db, dbPath, out, signal } = ctx;
  const started = performance.now();
  const { spec, source } = readStudyFile(file);
  const { id, jobs } = createStudy(db, { spec: { ...scaled(spec, scale), dataset: datasetId }, source, versions: collectVersions() });
  out.info(`study ${id} "${spec.name}": ${jobs} jobs`);
  let last = "";
  const state = await runStudy(db, id, {
    workspaceDir: dirname(dbPath),
    signal,
    onProgress: (p) => {
      const elapsed = (performance.now() - started) / 1000;
      const left = p.jobsDone > 0 ? Math.round((elapsed / p.jobsDone) * (p.jobsTotal - p.jobsDone)) : null;
      const line = `[${p.jobsDone}/${p.jobsTotal}] ${p.jobKey}: ${p.phase}${left !== null ? ` (about ${Math.ceil(left / 60)} min left)` : ""}`;
      if (line !== last) out.info(line);
      last = line;
    },
  });
  const points = listMetricPoints(db, { experimentId: id }).map(toMetricPoint);
  const compare = compareHandlers({ db })["results.compare"];
  const comparisons: StudyComparison[] = [];
  for (const [a, b] of defaultComparisons(points)) comparisons.push(await compare({ studyId: id, a, b, language: "en" }));
  return { id, state, minutes: (performance.now() - started) / 60000, comparisons };
}

/** The answer: each comparison's table, then its sentences. */
function formatAnswer(comparisons: readonly StudyComparison[]): string {
  if (!comparisons.length) return "No comparison: the study has fewer than two designs with metric points.";
  return comparisons.map(formatComparison).join("\n\n");
}

/** The main job on the embedded defaults: corpus → tiny models → the paper's study → its table. */
export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("the demo on the embedded defaults: synthetic corpus, tiny models, the paper's study (recursive and cross × 2 models × 5 generations × 6 seeds), ending with the comparison and its answer")
    .option("--data-only", "stop after the corpus report")
    .option("--control", "also run the compute-matched control study (resources/studies/compute-matched-control.yaml)")
    .option("--seeds <n>", "run with seeds 1..n instead of the study file's (a quick try; the answer needs ≥ 6)")
    .option("--generations <n>", "run n generations instead of the study file's")
    .option("--train-records <n>", "train each generation on n records instead of the study file's")
    .action(async (opts: { dataOnly?: boolean; control?: boolean } & Scale, cmd: Command) =>
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
        const main = await runStudyFile(ctx, DEMO_STUDY, report.datasetId, opts);
        const control = opts.control ? await runStudyFile(ctx, CONTROL_STUDY, report.datasetId, opts) : null;
        const points = listMetricPoints(db, { experimentId: main.id });
        const minutes = (performance.now() - started) / 60000;
        out.info(`exporting study ${main.id}…`);
        const exported = await exportAll(ctx, { studyId: main.id, dir: join(workspace, "reports", `study-${main.id}`) });
        out.result(
          { studyId: main.id, state: main.state, minutes, studyMinutes: main.minutes, points, report: exported, comparisons: main.comparisons, ...(control ? { control } : {}) },
          () =>
            [
              `Study ${main.id}: ${main.state} in ${main.minutes.toFixed(1)} min (${minutes.toFixed(1)} min in all). Per-generation metrics (generation 0 = the real data; docs/metrics.md):`,
              "",
              formatMetricTables(points),
              "",
              `Report (opens offline in any browser): ${join(exported.dir, "report.html")}`,
              `Also there: ${exported.files.filter((f) => f !== "report.html").join(", ")}`,
              ...(control ? ["", `The compute-matched control, study ${control.id}: ${control.state} in ${control.minutes.toFixed(1)} min.`, "", formatAnswer(control.comparisons)] : []),
              "",
              "The answer (paired by seed; docs/metrics.md, \"Comparing designs\"):",
              "",
              formatAnswer(main.comparisons),
            ].join("\n"),
        );
      }),
    );
}
