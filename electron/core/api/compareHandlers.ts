import type { Handlers } from "../../shared/api/types";
import { ApiError } from "../../shared/api/errors";
import { answerSentence, compareDesigns } from "../../shared/stats/compareDesigns";
import { getExperiment } from "../db/queries/experiments";
import { listMetricPoints, toMetricPoint } from "../db/queries/metricPoints";
import type { HandlerContext } from "./HandlerContext";

/** results.compare: the paired comparison of two sides of a study (what `lab compare` prints). */
export function compareHandlers(ctx: Pick<HandlerContext, "db">): Pick<Handlers, "results.compare"> {
  return {
    "results.compare": async ({ studyId, a, b, metrics, language }) => {
      if (!getExperiment(ctx.db, { id: studyId }))
        throw new ApiError("not-found", `there is no study ${studyId}; the Studies list shows the ones in this workspace`, "studyId");
      const points = listMetricPoints(ctx.db, { experimentId: studyId }).map(toMetricPoint);
      let comparison;
      try {
        comparison = compareDesigns(points, a, b, metrics);
      } catch (error) {
        throw new ApiError("invalid-argument", `results.compare: ${(error as Error).message}`);
      }
      return { studyId, ...comparison, sentences: comparison.rows.map((r) => answerSentence(comparison, r, language)) };
    },
  };
}
