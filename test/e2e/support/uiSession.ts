import { afterAll, beforeAll, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { ensureRenderer } from "./buildRenderer";
import { startServe } from "./labServe";
import { launchChromium, openPage, recordProblems } from "./browser";
import { launchElectronApp } from "./electronApp";

export type UiSession = { dir: string; page: Page; problems: string[] };

/** What the UI tests drive: Debian's Chromium on `lab serve` (default), or the Electron app where its binary is installed. */
export const UI_TARGET = process.env.COLLAPSE_UI_TARGET ?? "chromium";

/**
 * A temporary workspace and one page of the app on it, for a describe block: `lab serve` in
 * Chromium, or the desktop app (COLLAPSE_UI_TARGET=electron); `prepare` runs in the workspace
 * folder before the app starts. Everything is torn down after, and `lab serve` must have exited
 * cleanly.
 */
export function useUiSession(prefix: string, options: { prepare?: (dir: string) => Promise<void> | void; env?: Record<string, string> } = {}): UiSession {
  const session = {} as UiSession;
  let stop: () => Promise<{ code: number | null; log: string }> = async () => ({ code: 0, log: "" });
  beforeAll(async () => {
    session.dir = mkdtempSync(join(tmpdir(), prefix));
    await options.prepare?.(session.dir);
    const db = join(session.dir, "workspace.sqlite");
    if (UI_TARGET === "electron") {
      await ensureRenderer();
      const app = await launchElectronApp(db, options.env);
      session.page = app.page;
      session.problems = recordProblems(app.page);
      stop = async () => (await app.stop(), { code: 0, log: "" });
    } else if (UI_TARGET === "chromium") {
      const served = await startServe(db, await ensureRenderer(), options.env);
      stop = async () => ({ code: await served.stop(), log: served.stderr() });
      const browser = await launchChromium();
      ({ page: session.page, problems: session.problems } = await openPage(browser, served.url));
      stop = async () => {
        await browser.close();
        return { code: await served.stop(), log: served.stderr() };
      };
    } else throw new Error(`COLLAPSE_UI_TARGET must be chromium or electron, not "${UI_TARGET}"`);
  });
  afterAll(async () => {
    const { code, log } = await stop();
    rmSync(session.dir, { recursive: true, force: true });
    expect(code, log).toBe(0);
  });
  return session;
}
