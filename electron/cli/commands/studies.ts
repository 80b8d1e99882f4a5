import type { Command } from "commander";
import type { ExperimentState, RunnerProgress, StudyStatus } from "../../shared/domain/jobs";
import { ApiError } from "../../shared/api/errors";
import { withApi, type CommandContext } from "../context";
import { integerFlag } from "../flags";
import { table } from "../output";

export function formatStatus(s: StudyStatus): string {
  const lines = [
    `study ${s.id} "${s.name}": ${s.state}${s.runnerPid ? ` (runner pid ${s.runnerPid})` : ""}`,
    `  jobs: ${Object.entries(s.jobs)
      .filter(([, n]) => n)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")} of ${s.jobsTotal}`,
  ];
  if (s.current) {
    const p = s.current.progress;
    lines.push(
      `  now: ${s.current.key} — ${p?.phase ?? "starting"} ${Math.round(100 * (s.current.fraction ?? 0))}%` +
        (p?.tokensPerSecond ? `, ${Math.round(p.tokensPerSecond)} tok/s` : "") +
        (p?.etaSeconds ? `, ETA ${Math.round(p.etaSeconds)} s` : ""),
    );
  }
  for (const l of s.log) lines.push(`  ${l.at.slice(11, 19)} ${l.jobKey}: ${l.message}`);
  return lines.join("\n");
}

/**
 * Starts (studies.run) or resumes a study through the handlers and follows its events until it
 * ends; `line` words each progress event (the demo prints less than `lab run`).
 */
export async function runToEnd(
  ctx: CommandContext,
  id: number,
  how: "studies.run" | "studies.resume",
  line: (p: RunnerProgress) => string,
): Promise<ExperimentState> {
  let last = "";
  let stop = () => {};
  const ended = new Promise<{ state: ExperimentState; error: string | null }>((resolve) => {
    stop = ctx.onEvent((e) => {
      if (!("studyId" in e) || e.studyId !== id) return;
      if (e.type === "study.progress") {
        const text = line(e.progress);
        if (text !== last) ctx.out.info(text);
        last = text;
      } else if (e.type === "study.log" && e.level !== "info") ctx.out.info(`${e.jobKey}: ${e.level}: ${e.message}`);
      else if (e.type === "study.state" && e.state !== "running") resolve(e);
    });
  });
  try {
    await ctx.call(how, { id });
    const end = await ended;
    if (end.error) throw new ApiError("failed", end.error);
    return end.state;
  } finally {
    stop();
  }
}

async function runAndReport(ctx: CommandContext, id: number, how: "studies.run" | "studies.resume"): Promise<void> {
  const state = await runToEnd(
    ctx,
    id,
    how,
    (p) =>
      `[${p.jobsDone}/${p.jobsTotal}] ${p.jobKey}: ${p.phase} ${Math.round(100 * p.fraction)}%` +
      `${p.tokensPerSecond ? ` ${Math.round(p.tokensPerSecond)} tok/s` : ""}${p.etaSeconds ? ` ETA ${Math.round(p.etaSeconds)}s` : ""}`,
  );
  const status = await ctx.call("studies.status", { id });
  ctx.out.result(status, () => formatStatus(status));
  if (state === "failed") ctx.setExitCode(1);
  if (state === "cancelled") ctx.setExitCode(3);
}

export function registerStudyCommands(program: Command): void {
  program
    .command("run <study>")
    .description("create a study from a YAML/JSON description and run it")
    .option("--plan-only", "store the study and its jobs without running them")
    .action(async (file: string, opts: { planOnly?: boolean }, cmd: Command) =>
      withApi(cmd, async (ctx) => {
        const { id, jobs, name } = await ctx.call("studies.createFromFile", { path: file });
        ctx.out.info(`study ${id} "${name}": ${jobs} jobs planned`);
        if (!opts.planOnly) return runAndReport(ctx, id, "studies.run");
        const status = await ctx.call("studies.status", { id });
        ctx.out.result(status, () => formatStatus(status));
      }),
    );

  program
    .command("resume <id>")
    .description("continue a study from its last completed job (after a crash, cancel or failure)")
    .action(async (idText: string, _opts, cmd: Command) => withApi(cmd, (ctx) => runAndReport(ctx, integerFlag("<id>", idText), "studies.resume")));

  program
    .command("cancel <id>")
    .description("stop a running study within seconds; it stays resumable")
    .action(async (idText: string, _opts, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const result = await call("studies.cancel", { id: integerFlag("<id>", idText) });
        out.result(result, () =>
          result.wasRunning
            ? `study ${result.id}: cancel requested; the runner stopped (${result.state})`
            : `study ${result.id}: not running; marked ${result.state}`,
        );
      }),
    );

  program
    .command("status [id]")
    .description("state, job counts, the running job's progress and the latest log lines")
    .action(async (idText: string | undefined, _opts, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const all = await call("studies.list", {});
        const id = idText ? integerFlag("<id>", idText) : all[all.length - 1]?.id;
        if (!id) throw new ApiError("not-found", 'no study yet; run "lab run <study.yaml>"');
        const status = await call("studies.status", { id, logLines: 8 });
        out.result(status, () => formatStatus(status));
      }),
    );

  program
    .command("studies")
    .description("list studies")
    .action(async (_opts, cmd: Command) =>
      withApi(cmd, async ({ call, out }) => {
        const rows = await call("studies.list", {});
        out.result(rows, () =>
          rows.length
            ? table(
                rows.map((r) => [r.id, r.name, r.state, r.createdAt]),
                ["id", "name", "state", "created"],
              )
            : "no studies",
        );
      }),
    );
}
