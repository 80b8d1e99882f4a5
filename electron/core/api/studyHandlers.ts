import { existsSync } from "node:fs";
import { stringify as toYaml } from "yaml";
import type { StudyCreated } from "../../shared/api/contract";
import type { StudySpec } from "../../shared/domain/study";
import { readStudyFile } from "../experiments/readStudyFile";
import type { Handlers } from "../../shared/api/types";
import { ApiError } from "../../shared/api/errors";
import { createStudy } from "../experiments/createStudy";
import { studyStatus } from "../experiments/studyStatus";
import { cancelStudy } from "../experiments/cancelStudy";
import { getExperiment, listExperiments } from "../db/queries/experiments";
import type { HandlerContext } from "./HandlerContext";

type StudyHandlers = Pick<
  Handlers,
  "studies.list" | "studies.create" | "studies.createFromFile" | "studies.run" | "studies.resume" | "studies.cancel" | "studies.status"
>;

/** createStudy names the offending field first ("models[0]: no registered model …"); keep that field. */
function asSpecError(error: unknown): unknown {
  if (!(error instanceof Error) || error instanceof ApiError) return error;
  const field = /^([a-zA-Z]+(?:\[\d+\])?):/.exec(error.message)?.[1];
  return field ? new ApiError("invalid-argument", error.message, `spec.${field}`) : error;
}

async function create(ctx: HandlerContext, spec: StudySpec, source: string): Promise<StudyCreated> {
  const { collectVersions } = await import("../experiments/versions");
  try {
    const { id, jobs } = createStudy(ctx.db, { spec, source, versions: collectVersions() });
    return { id, jobs, name: spec.name };
  } catch (error) {
    throw asSpecError(error);
  }
}

/** A study file the user named: missing is not-found, unreadable or invalid names the file and field. */
function readStudy(path: string): { spec: StudySpec; source: string } {
  try {
    return readStudyFile(path);
  } catch (error) {
    throw new ApiError(existsSync(path) ? "invalid-argument" : "not-found", (error as Error).message, "path");
  }
}

function requireStudy(ctx: HandlerContext, id: number) {
  const e = getExperiment(ctx.db, { id });
  if (!e) throw new ApiError("not-found", `there is no study ${id}; the Studies list shows the ones in this workspace`, "id");
  return e;
}

/**
 * Studies run in a child process each (StudyProcesses): run and resume return at once, progress
 * arrives as events, and the persisted jobs make a crash or a closed window resumable.
 */
export function studyHandlers(ctx: HandlerContext): StudyHandlers {
  return {
    "studies.list": async () => listExperiments(ctx.db).map((e) => ({ id: e.id, name: e.name, state: e.state, createdAt: e.created_at })),

    "studies.create": async ({ spec }) => create(ctx, spec, toYaml(spec)),

    "studies.createFromFile": async ({ path, dataset, scale }) => {
      const { spec, source } = readStudy(path);
      return create(
        ctx,
        {
          ...spec,
          ...(dataset !== undefined ? { dataset } : {}),
          ...(scale?.seeds ? { seeds: Array.from({ length: scale.seeds }, (_, i) => i + 1) } : {}),
          ...(scale?.generations ? { generations: scale.generations } : {}),
          ...(scale?.trainRecords ? { trainRecords: scale.trainRecords } : {}),
        },
        source,
      );
    },

    "studies.run": async ({ id }) => {
      const e = requireStudy(ctx, id);
      if (e.state !== "planned") throw new ApiError("invalid-argument", `study ${id} has already been started (${e.state}); use resume`, "id");
      return ctx.studies.start(id);
    },

    "studies.resume": async ({ id }) => {
      requireStudy(ctx, id);
      return ctx.studies.start(id);
    },

    "studies.cancel": async ({ id }) => {
      requireStudy(ctx, id);
      const result = await cancelStudy(ctx.db, { id, timeoutMs: 60_000 });
      await ctx.studies.stop(id);
      const state = getExperiment(ctx.db, { id })!.state;
      return { ...result, state };
    },

    "studies.status": async ({ id, logLines }) => {
      requireStudy(ctx, id);
      return studyStatus(ctx.db, { id, logLines });
    },
  };
}
