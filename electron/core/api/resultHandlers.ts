import type { Handlers } from "../../shared/api/types";
import type { StudyMetrics } from "../../shared/domain/views";
import { ApiError } from "../../shared/api/errors";
import { getExperiment } from "../db/queries/experiments";
import { listMetricPoints, toMetricPoint } from "../db/queries/metricPoints";
import { listGenerations } from "../db/queries/generations";
import { listSamplesOfJob } from "../db/queries/samples";
import { modelNamer } from "../db/queries/models";
import { exportStudy } from "../export/exportStudy";
import type { HandlerContext } from "./HandlerContext";
import { noiseFloorOf } from "../metrics/noiseFloor";

type ResultHandlers = Pick<Handlers, "results.metrics" | "results.samples" | "results.export">;

export function resultHandlers(ctx: HandlerContext): ResultHandlers {
  const requireStudy = (id: number) => {
    if (!getExperiment(ctx.db, { id }))
      throw new ApiError("not-found", `there is no study ${id}; the Studies list shows the ones in this workspace`, "studyId");
  };
  return {
    "results.metrics": async ({ studyId }) => {
      requireStudy(studyId);
      const points = listMetricPoints(ctx.db, { experimentId: studyId }).map(toMetricPoint);
      const out: StudyMetrics = { studyId, points, noiseFloor: noiseFloorOf(ctx.db, { experimentId: studyId }), notes: [] };
      return out;
    },

    "results.samples": async ({ studyId, generation, limit }) => {
      requireStudy(studyId);
      const nameOf = modelNamer(ctx.db);
      return listGenerations(ctx.db, { experimentId: studyId })
        .filter((g) => generation === undefined || g.generation_index === generation)
        .map((g) => ({
          design: g.design,
          chain: g.chain,
          model: nameOf(g.model_id),
          seed: g.seed,
          generation: g.generation_index,
          samples: listSamplesOfJob(ctx.db, { jobId: g.generate_job_id })
            .slice(0, limit)
            .map((s) => ({ idx: s.idx, prompt: s.prompt, output: s.output, finishReason: s.finish_reason })),
        }));
    },

    "results.export": async ({ studyId, dir, formats, language, operationId }) => {
      requireStudy(studyId);
      return ctx.operations.run(operationId, (signal) =>
        exportStudy(ctx.db, {
          experimentId: studyId,
          dir,
          formats,
          language,
          signal,
          onProgress: (p) => ctx.emit({ type: "export.progress", operationId: operationId ?? null, ...p }),
        }),
      );
    },
  };
}
