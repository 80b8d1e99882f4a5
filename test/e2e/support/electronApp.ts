import { join } from "node:path";
import { _electron, type ElectronApplication, type Page } from "playwright-core";
// @ts-expect-error untyped build scripts
import { buildElectron } from "../../../scripts/build-electron.mjs";
// @ts-expect-error untyped build scripts
import { ELECTRON_MISSING, installedElectronBinary } from "../../../scripts/electronBinary.mjs";

const ROOT = join(import.meta.dirname, "..", "..", "..");

export type LaunchedApp = { app: ElectronApplication; page: Page; stop: () => Promise<void> };

/**
 * The desktop app itself, through Playwright's Electron support, on the given workspace database:
 * what the UI tests drive when COLLAPSE_UI_TARGET=electron. Without an installed Electron binary
 * this throws rather than let a test pass without the app.
 */
export async function launchElectronApp(dbPath: string, env: Record<string, string> = {}): Promise<LaunchedApp> {
  const executablePath = installedElectronBinary() as string | null;
  if (!executablePath) throw new Error(`COLLAPSE_UI_TARGET=electron, but ${ELECTRON_MISSING as string}`);
  await buildElectron();
  const app = await _electron.launch({
    executablePath,
    args: [join(ROOT, "dist", "electron", "main.js")],
    cwd: ROOT,
    env: { ...process.env, ...env, COLLAPSE_LAB_DB: dbPath } as Record<string, string>,
  });
  const page = await app.firstWindow();
  await page.setViewportSize({ width: 1440, height: 960 });
  return { app, page, stop: () => app.close() };
}
