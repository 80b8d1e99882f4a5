import type { Command } from "commander";
import { dirname } from "node:path";
import { readStudyFile } from "../../core/experiments/readStudyFile";
import { createStudy } from "../../core/experiments/createStudy";
import { runStudy } from "../../core/experiments/runStudy";
import { studyStatus, type StudyStatus } from "../../core/experiments/studyStatus";
import { cancelStudy } from "../../core/experiments/cancelStudy";
import { collectVersions } from "../../core/experiments/versions";
import { listExperiments } from "../../core/db/queries/experiments";
import { withContext, type CommandContext } from "../context";
import { table } from "../output";

function parseStudyId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new Error(`a study id is a positive integer, got "${text}"; "lab studies" lists them`);
  return id;
}

export function formatStatus(s: StudyStatus): string {
  const lines = [
    `study ${s.id} "${s.name}": ${s.state}${s.runnerPid ? ` (runner pid ${s.runnerPid})` : ""}`,
    `  jobs: ${Object.entries(s.jobs).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(", ")} of ${s.jobsTotal}`,
  ];
  if (s.current) {
    const p = s.current.progress;
    lines.push(
      `  now: ${s.current.key} — ${p?.phase ?? "starting"} ${Math.round(100 * (s.current.fraction ?? 0))}%` +
        (p?.tokensPerSecond ? `, ${Math.round(p.tokensPerSecond)} tok/s` : "") +
        (p?.etaSeconds ? `, ETA ${Math.round(p.etaSeconds)} s` : ""),
    );
  }
  for (const l of s.log) lines.push(`  ${l.at.slice(11, 19)} ${l.job_key}: ${l.message}`);
  return lines.join("\n");
}

async function runAndReport(ctx: CommandContext, id: number): Promise<void> {
  const { db, dbPath, out, signal } = ctx;
  let lastLine = "";
  const state = await runStudy(db, id, {
    workspaceDir: dirname(dbPath),
    signal,
    onProgress: (p) => {
      const line = `[${p.jobsDone}/${p.jobsTotal}] ${p.jobKey}: ${p.phase} ${Math.round(100 * p.fraction)}%${p.tokensPerSecond ? ` ${Math.round(p.tokensPerSecond)} tok/s` : ""}${p.etaSeconds ? ` ETA ${Math.round(p.etaSeconds)}s` : ""}`;
      if (line !== lastLine) out.info(line);
      lastLine = line;
    },
    onLog: (key, level, message) => level !== "info" && out.info(`${key}: ${level}: ${message}`),
  });
  const status = studyStatus(db, { id });
  out.result(status, () => formatStatus(status));
  if (state === "failed") process.exitCode = 1;
  if (state === "cancelled") process.exitCode = 3;
}

export function registerStudyCommands(program: Command): void {
  program
    .command("run <study>")
    .description("create a study from a YAML/JSON description and run it")
    .option("--plan-only", "store the study and its jobs without running them")
    .action(async (file: string, opts: { planOnly?: boolean }, cmd: Command) =>
      withContext(cmd, async (ctx) => {
        const { spec, source } = readStudyFile(file);
        const { id, jobs } = createStudy(ctx.db, { spec, source, versions: collectVersions() });
        ctx.out.info(`study ${id} "${spec.name}": ${jobs} jobs planned`);
        if (opts.planOnly) ctx.out.result(studyStatus(ctx.db, { id }), () => formatStatus(studyStatus(ctx.db, { id })));
        else await runAndReport(ctx, id);
      }),
    );

  program
    .command("resume <id>")
    .description("continue a study from its last completed job (after a crash, cancel or failure)")
    .action(async (idText: string, _opts, cmd: Command) => withContext(cmd, (ctx) => runAndReport(ctx, parseStudyId(idText))));

  program
    .command("cancel <id>")
    .description("stop a running study within seconds; it stays resumable")
    .action(async (idText: string, _opts, cmd: Command) =>
      withContext(cmd, async ({ db, out }) => {
        const result = await cancelStudy(db, { id: parseStudyId(idText) });
        out.result(result, () => (result.wasRunning ? `study ${result.id}: cancel requested; the runner stopped (${result.state})` : `study ${result.id}: not running; marked ${result.state}`));
      }),
    );

  program
    .command("status [id]")
    .description("state, job counts, the running job's progress and the latest log lines")
    .action(async (idText: string | undefined, _opts, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const all = listExperiments(db);
        const id = idText ? parseStudyId(idText) : all[all.length - 1]?.id;
        if (!id) throw new Error('no study yet; run "lab run <study.yaml>"');
        const status = studyStatus(db, { id });
        out.result(status, () => formatStatus(status));
      }),
    );

  program
    .command("studies")
    .description("list studies")
    .action(async (_opts, cmd: Command) =>
      withContext(cmd, ({ db, out }) => {
        const rows = listExperiments(db);
        out.result(rows.map((r) => ({ id: r.id, name: r.name, state: r.state, createdAt: r.created_at })), () =>
          rows.length ? table(rows.map((r) => [r.id, r.name, r.state, r.created_at]), ["id", "name", "state", "created"]) : "no studies",
        );
      }),
    );
}


