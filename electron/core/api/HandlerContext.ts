import type { Db } from "../db/openDatabase";
import type { LabEvent } from "../../shared/api/events";
import type { StudyProcesses } from "./StudyProcesses";
import type { Operations } from "./Operations";

/** Where studies run: child processes in the app (StudyProcesses), this process in the CLI (StudiesInProcess). */
export type StudyHost = Pick<StudyProcesses, "start" | "stop" | "stopAll" | "running">;

/** What the handlers work with: one open workspace, an event sink, the study runners. */
export type HandlerContext = {
  db: Db;
  dbPath: string;
  /** the folder beside the database: uploads, synthetic corpus, models, studies */
  workspaceDir: string;
  appVersion: string;
  emit: (event: LabEvent) => void;
  studies: StudyHost;
  /**
   * long operations (import, synthetic data, default models, export), stoppable by operation id,
   * and all at once by the workspace's signal (the CLI's Ctrl-C)
   */
  operations: Operations;
};
