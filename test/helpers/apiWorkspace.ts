import { join } from "node:path";
import { afterEach } from "vitest";
import { openApi, type OpenApi } from "../../electron/core/api/openApi";
import { useTempDir } from "./tempDir";

/** A fresh workspace per call, opened through the app's API (closed, then removed, after the test). */
export function useApiWorkspace(): () => { dir: string; dbPath: string; api: OpenApi } {
  const tempDir = useTempDir();
  const opened: OpenApi[] = [];
  afterEach(async () => {
    for (const api of opened.splice(0)) await api.close();
  });
  return () => {
    const dir = tempDir();
    const dbPath = join(dir, "ws.sqlite");
    const api = openApi({ dbPath });
    opened.push(api);
    return { dir, dbPath, api };
  };
}
