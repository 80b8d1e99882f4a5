import type { Db } from "../db/openDatabase";
import { getExperiment, requestCancel, setExperimentState, type ExperimentState } from "../db/queries/experiments";
import { isProcessAlive } from "../jobs/isProcessAlive";

/**
 * Asks a study's runner (in any process) to stop, and waits until it has. The runner polls
 * for the request, aborts its job (the trainer writes a checkpoint) and leaves the study resumable.
 */
export async function cancelStudy(db: Db, args: { id: number; timeoutMs?: number }): Promise<{ id: number; wasRunning: boolean; state: ExperimentState }> {
  const e = getExperiment(db, { id: args.id });
  if (!e) throw new Error(`no study with id ${args.id}`);
  const wasRunning = e.runner_pid !== null && isProcessAlive(e.runner_pid);
  requestCancel(db, { id: args.id });
  if (!wasRunning) {
    if (e.state !== "done") setExperimentState(db, { id: args.id, state: "cancelled" });
    return { id: args.id, wasRunning, state: getExperiment(db, { id: args.id })!.state };
  }
  const deadline = Date.now() + (args.timeoutMs ?? 30_000);
  for (;;) {
    const now = getExperiment(db, { id: args.id })!;
    if (now.runner_pid === null || !isProcessAlive(now.runner_pid)) return { id: args.id, wasRunning, state: now.state };
    if (Date.now() > deadline)
      throw new Error(`study ${args.id}: the runner (pid ${now.runner_pid}) did not stop within ${Math.round((args.timeoutMs ?? 30_000) / 1000)} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
