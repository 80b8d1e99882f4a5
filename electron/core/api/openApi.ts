import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import { EventEmitter } from "node:events";
import type { LabEvent } from "../../shared/api/events";
import type { Handlers } from "../../shared/api/types";
import { openDatabase, type Db } from "../db/openDatabase";
import { Operations } from "./Operations";
import { createHandlers } from "./createHandlers";
import { StudyProcesses } from "./StudyProcesses";

export type OpenApi = { handlers: Handlers; events: EventEmitter<{ event: [LabEvent] }>; db: Db; close: () => Promise<void> };

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(new URL(import.meta.url).pathname), "..", "..", "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** Opens a workspace and everything the API needs over it: handlers, the event stream, the runner processes. */
export function openApi(options: { dbPath: string; appVersion?: string; workerScript?: string; nativeBinding?: string }): OpenApi {
  const db = openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const events = new EventEmitter<{ event: [LabEvent] }>();
  const emit = (event: LabEvent) => events.emit("event", event);
  const studies = new StudyProcesses({ db, dbPath: options.dbPath, emit, ...(options.workerScript ? { workerScript: options.workerScript } : {}) });
  const operations = new Operations();
  const handlers = createHandlers({ db, dbPath: options.dbPath, workspaceDir: dirname(options.dbPath), appVersion: options.appVersion ?? packageVersion(), emit, studies, operations });
  return {
    handlers,
    events,
    db,
    close: async () => {
      operations.cancelAll();
      await studies.stopAll();
      db.close();
    },
  };
}
