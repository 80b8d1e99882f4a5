// A study runner in its own process (forked by StudyProcesses): the trainer, llama.cpp generation
// and the metrics never share an event loop with the API host. Speaks through the fork IPC channel.
import { dirname } from "node:path";
import { openDatabase } from "../db/openDatabase";
import { runStudy } from "../experiments/runStudy";
import type { WorkerMessage } from "./workerMessages";

const [dbPath, idText] = process.argv.slice(2);
const send = (m: WorkerMessage) => process.send?.(m);
const abort = new AbortController();
process.on("SIGTERM", () => abort.abort(new Error("terminated")));
process.on("disconnect", () => abort.abort(new Error("the app closed")));

let lastSent = 0;
let lastPhase = "";
try {
  if (!dbPath || !idText) throw new Error("usage: studyWorker <db> <study id>");
  const db = openDatabase(dbPath);
  try {
    const state = await runStudy(db, Number(idText), {
      workspaceDir: dirname(dbPath),
      signal: abort.signal,
      onProgress: (progress) => {
        // at most ~5 messages a second, but every phase change
        const now = Date.now();
        const key = `${progress.jobKey}:${progress.phase}`;
        if (now - lastSent < 200 && key === lastPhase && progress.fraction < 1) return;
        lastSent = now;
        lastPhase = key;
        send({ type: "progress", progress });
      },
      onLog: (jobKey, level, message) => send({ type: "log", jobKey, level, message, at: new Date().toISOString() }),
    });
    send({ type: "done", state });
  } finally {
    db.close();
  }
} catch (error) {
  send({ type: "error", message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
process.disconnect?.();
