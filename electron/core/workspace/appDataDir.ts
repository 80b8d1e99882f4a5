import { homedir, platform } from "node:os";
import { join } from "node:path";

export const APP_FOLDER = "Collapse Lab";

/**
 * Where the app keeps its workspace: the same folder Electron's app.getPath("userData") gives for
 * this product name, so the CLI and the desktop app share one database by default.
 * COLLAPSE_LAB_HOME overrides it (tests, batch servers).
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.COLLAPSE_LAB_HOME) return env.COLLAPSE_LAB_HOME;
  switch (platform()) {
    case "win32":
      return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), APP_FOLDER);
    case "darwin":
      return join(homedir(), "Library", "Application Support", APP_FOLDER);
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), APP_FOLDER);
  }
}

export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), "workspace.sqlite");
}
