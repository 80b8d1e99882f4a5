import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ensureRenderer } from "./buildRenderer";
import { startServe } from "./labServe";
import { launchChromium, openPage, recordProblems } from "./browser";
import { launchElectronApp } from "./electronApp";

export type UiSession = { dir: string; page: Page; problems: string[] };
export type UiOptions = { prepare?: (dir: string) => Promise<void> | void; env?: Record<string, string> };
type OpenUi = UiSession & { close: () => Promise<void> };

/** What the UI tests drive: Debian's Chromium on `lab serve` (default), or the Electron app where its binary is installed. */
export const UI_TARGET = process.env.COLLAPSE_UI_TARGET ?? "chromium";

/**
 * A temporary workspace and one page of the app on it: `lab serve` in Chromium (a page of the
 * given browser), or the desktop app (COLLAPSE_UI_TARGET=electron); `prepare` runs in the
 * workspace folder before the app starts. close() tears everything down, and `lab serve` must
 * have exited cleanly.
 */
async function openUi(prefix: string, options: UiOptions, browser: () => Promise<Browser>): Promise<OpenUi> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const done = (code: number | null, log: string) => {
    rmSync(dir, { recursive: true, force: true });
    expect(code, log).toBe(0);
  };
  await options.prepare?.(dir);
  const db = join(dir, "workspace.sqlite");
  if (UI_TARGET === "electron") {
    await ensureRenderer();
    const app = await launchElectronApp(db, options.env);
    return { dir, page: app.page, problems: recordProblems(app.page), close: async () => (await app.stop(), done(0, "")) };
  }
  if (UI_TARGET !== "chromium") throw new Error(`COLLAPSE_UI_TARGET must be chromium or electron, not "${UI_TARGET}"`);
  const served = await startServe(db, await ensureRenderer(), options.env);
  try {
    const { page, problems } = await openPage(await browser(), served.url);
    return {
      dir,
      page,
      problems,
      close: async () => {
        await page.context().close();
        done(await served.stop(), served.stderr());
      },
    };
  } catch (error) {
    await served.stop();
    throw error;
  }
}

/** One Chromium for a test file, launched when first needed and closed after the file. */
function sharedBrowser(): () => Promise<Browser> {
  let browser: Promise<Browser> | null = null;
  afterAll(async () => void (await (await browser)?.close()));
  return () => (browser ??= launchChromium());
}

/**
 * A workspace and page of their own for each test, so that every test sets up the state it needs
 * and runs alone (`vitest -t "<name>"`); one test's failure leaves the others' state untouched.
 * Call the returned function inside the test; what it opened is closed after that test.
 */
export function useFreshUi(prefix: string, defaults: UiOptions = {}): (options?: UiOptions) => Promise<UiSession> {
  const browser = sharedBrowser();
  const opened: OpenUi[] = [];
  afterEach(async () => {
    for (const ui of opened.splice(0)) await ui.close();
  });
  return async (options = {}) => {
    const ui = await openUi(prefix, { ...defaults, ...options }, browser);
    opened.push(ui);
    return ui;
  };
}

/**
 * One workspace and page for a whole describe block, for tests that only read a prepared
 * workspace (each still sets up its own view: language, place, study).
 */
export function useUiSession(prefix: string, options: UiOptions = {}): UiSession {
  const session = {} as UiSession;
  const browser = sharedBrowser();
  let ui: OpenUi | null = null;
  beforeAll(async () => {
    ui = await openUi(prefix, options, browser);
    Object.assign(session, { dir: ui.dir, page: ui.page, problems: ui.problems });
  });
  afterAll(async () => {
    await ui?.close();
  });
  return session;
}
