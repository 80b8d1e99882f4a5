// The core in an Electron utility process: SQLite, imports and the study runner processes never
// touch the main process's event loop. Talks to main over process.parentPort.
import { openApi } from "../core/api/openApi";
import { dispatch } from "../core/api/createHandlers";
import type { HostMessage, HostRequest } from "./hostMessages";

type ParentPort = { on(e: "message", l: (m: { data: HostRequest }) => void): void; postMessage(m: HostMessage): void };
const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const [dbPath, workerScript] = process.argv.slice(2);

try {
  if (!dbPath) throw new Error("the core host needs the workspace database path");
  const api = openApi({
    dbPath,
    ...(workerScript ? { workerScript } : {}),
    ...(process.env.COLLAPSE_SQLITE_BINDING ? { nativeBinding: process.env.COLLAPSE_SQLITE_BINDING } : {}),
  });
  api.events.on("event", (event) => port.postMessage({ type: "event", event }));
  port.on(
    "message",
    ({ data }) => void dispatch(api.handlers, data.channel, data.args).then((envelope) => port.postMessage({ type: "reply", id: data.id, envelope })),
  );
  process.on("SIGTERM", () => void api.close().then(() => process.exit(0)));
  port.postMessage({ type: "ready" });
} catch (error) {
  port.postMessage({ type: "fatal", message: error instanceof Error ? error.message : String(error) });
}
