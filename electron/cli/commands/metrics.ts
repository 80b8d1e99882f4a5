import type { Command } from "commander";
import { withApi } from "../context";
import { integerFlag } from "../flags";
import { formatMetricTables } from "./formatMetrics";
import { formatPanel } from "./formatPanel";

export function registerMetricsCommand(program: Command): void {
  program
    .command("metrics")
    .description("every metric point of a study (design, model, generation, seed, metric, value, interval) and its noise floor")
    .requiredOption("--study <id>", "study id")
    .action(async (opts: { study: string }, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const metrics = await call("results.metrics", { studyId: integerFlag("--study", opts.study) });
        out.result(metrics, () => [formatPanel(metrics.points), formatMetricTables(metrics.points)].filter(Boolean).join("\n\n"));
      }),
    );
}
