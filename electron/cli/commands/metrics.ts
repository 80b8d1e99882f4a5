import type { Command } from "commander";
import { listMetricPoints, toMetricPoint } from "../../core/db/queries/metricPoints";
import { getExperiment } from "../../core/db/queries/experiments";
import { withContext } from "../context";
import { formatMetricTables } from "./formatMetrics";
import { formatPanel } from "./formatPanel";

export function registerMetricsCommand(program: Command): void {
  program
    .command("metrics")
    .description("every metric point of a study (design, model, generation, seed, metric, value, interval)")
    .requiredOption("--study <id>", "study id")
    .action(async (opts: { study: string }, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const id = Number(opts.study);
        if (!Number.isInteger(id) || !getExperiment(db, { id })) throw new Error(`--study: no study with id ${opts.study}; "lab studies" lists them`);
        const points = listMetricPoints(db, { experimentId: id });
        out.result(
          points.map((p) => ({ study: id, ...toMetricPoint(p) })),
          () => [formatPanel(points.map(toMetricPoint)), formatMetricTables(points)].filter(Boolean).join("\n\n"),
        );
      }),
    );
}
