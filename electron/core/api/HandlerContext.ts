import type { Db } from "../db/openDatabase";
import type { LabEvent } from "../../shared/api/events";
import type { StudyProcesses } from "./StudyProcesses";
import type { Operations } from "./Operations";

/** What the handlers work with: one open workspace, an event sink, the study runner processes. */
export type HandlerContext = {
  db: Db;
  dbPath: string;
  /** the folder beside the database: uploads, synthetic corpus, models, studies */
  workspaceDir: string;
  appVersion: string;
  emit: (event: LabEvent) => void;
  studies: StudyProcesses;
  /** long operations (import, synthetic data, default models, export), stoppable by operation id */
  operations: Operations;
};
