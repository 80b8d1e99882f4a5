import type { Command } from "commander";
import { parseSide, sideLabel } from "../../shared/stats/compareDesigns";
import { comparisonTable } from "../../shared/stats/comparisonTable";
import type { StudyComparison } from "../../shared/api/contract";
import { withApi } from "../context";
import { integerFlag } from "../flags";
import { table } from "../output";

/** The comparison for people: the sides, the table, the caveat on seeds, the answer sentences. */
export function formatComparison(c: StudyComparison): string {
  const t = comparisonTable(c);
  return [
    `A = ${sideLabel(c.a)}, B = ${sideLabel(c.b)}; paired by seed (${c.seeds.join(", ")}), generation M${c.generation}`,
    table(t.rows, t.header),
    ...(c.exactCanReach05
      ? []
      : [
          `With ${c.seeds.length} seed(s) the exact sign-flip test cannot reach p < 0.05 (its smallest p is 2/2^n); the study needs at least 6 seeds for that.`,
        ]),
    "",
    ...c.sentences.filter((_, i) => c.rows[i]!.summary === "last"),
  ].join("\n");
}

export function registerCompareCommand(program: Command): void {
  program
    .command("compare")
    .description("paired comparison of two designs (or models) of a study across seeds: mean difference, 95% interval, t-test, exact sign-flip test, Holm")
    .requiredOption("--study <id>", "study id")
    .requiredOption("--a <design:model>", "side A, e.g. recursive:tiny-mistral")
    .requiredOption("--b <design:model>", "side B, e.g. cross:tiny-mistral")
    .option("--metric <id...>", "metric ids to test (default: the divergences, distinct-3, unique outputs)")
    .option("--lang <en|ru>", "language of the sentences and table", "en")
    .action(async (opts: { study: string; a: string; b: string; metric?: string[]; lang: string }, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        // the contract refuses a language it does not know, naming the field
        const language = opts.lang as "en" | "ru";
        const result = await call("results.compare", {
          studyId: integerFlag("--study", opts.study),
          a: parseSide(opts.a),
          b: parseSide(opts.b),
          ...(opts.metric ? { metrics: opts.metric } : {}),
          language,
        });
        out.result(result, () => formatComparison(result));
      }),
    );
}
