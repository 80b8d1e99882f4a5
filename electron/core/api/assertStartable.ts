import { ApiError } from "../../shared/api/errors";
import type { Db } from "../db/openDatabase";
import { getExperiment } from "../db/queries/experiments";
import { isProcessAlive } from "../jobs/isProcessAlive";
import { StudyBusyError } from "../jobs/StudyRunner";

/** What every study host checks before it starts a runner: the study exists, is not finished, and no live process runs it. */
export function assertStartable(db: Db, id: number): void {
  const e = getExperiment(db, { id });
  if (!e) throw new ApiError("not-found", `there is no study ${id}`, "id");
  if (e.state === "done") throw new ApiError("invalid-argument", `study ${id} is finished already; its results are in Results`, "id");
  if (e.runner_pid !== null && isProcessAlive(e.runner_pid)) throw new StudyBusyError(id, e.runner_pid);
}
