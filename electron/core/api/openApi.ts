import { dirname, join } from "node:path";
import { readFileSync } from "node:fs";
import { EventEmitter } from "node:events";
import type { LabEvent } from "../../shared/api/events";
import type { Handlers } from "../../shared/api/types";
import { openDatabase, type Db } from "../db/openDatabase";
import { Operations } from "./Operations";
import { createHandlers } from "./createHandlers";
import { StudyProcesses } from "./StudyProcesses";
import { StudiesInProcess } from "./StudiesInProcess";

export type OpenApi = { handlers: Handlers; events: EventEmitter<{ event: [LabEvent] }>; db: Db; close: () => Promise<void> };

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(new URL(import.meta.url).pathname), "..", "..", "..", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

export type OpenApiOptions = {
  dbPath: string;
  appVersion?: string;
  workerScript?: string;
  nativeBinding?: string;
  /** run studies on this process's event loop (the CLI) instead of one child process each (the app) */
  studiesInProcess?: boolean;
  /** aborts the workspace's long operations (the CLI's Ctrl-C) */
  signal?: AbortSignal;
};

/** Opens a workspace and everything the API needs over it: handlers, the event stream, the study runners. */
export function openApi(options: OpenApiOptions): OpenApi {
  const db = openDatabase(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  const events = new EventEmitter<{ event: [LabEvent] }>();
  const emit = (event: LabEvent) => events.emit("event", event);
  const signal = options.signal ? { signal: options.signal } : {};
  const studies = options.studiesInProcess
    ? new StudiesInProcess({ db, dbPath: options.dbPath, emit, ...signal })
    : new StudyProcesses({ db, dbPath: options.dbPath, emit, ...(options.workerScript ? { workerScript: options.workerScript } : {}) });
  const operations = new Operations(options.signal);
  const handlers = createHandlers({
    db,
    dbPath: options.dbPath,
    workspaceDir: dirname(options.dbPath),
    appVersion: options.appVersion ?? packageVersion(),
    emit,
    studies,
    operations,
  });
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
