import type { ExperimentState, RunnerProgress } from "../../shared/domain/jobs";

/** What a study worker tells its parent over the fork IPC channel. */
export type WorkerMessage =
  | { type: "progress"; progress: RunnerProgress }
  | { type: "log"; jobKey: string; level: string; message: string; at: string }
  | { type: "done"; state: ExperimentState }
  | { type: "error"; message: string };
