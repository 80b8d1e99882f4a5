import { afterAll, beforeAll, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ensureRenderer } from "./buildRenderer";
import { startServe, type Served } from "./labServe";
import { launchChromium, openPage } from "./browser";

export type UiSession = { dir: string; served: Served; browser: Browser; page: Page; problems: string[] };

/**
 * A temporary workspace served by `lab serve` and one Chromium page on it, for a describe block;
 * `prepare` runs in the workspace folder before the server starts. Everything is torn down after,
 * and the server must have exited cleanly.
 */
export function useUiSession(prefix: string, options: { prepare?: (dir: string) => Promise<void> | void; env?: Record<string, string> } = {}): UiSession {
  const session = {} as UiSession;
  beforeAll(async () => {
    session.dir = mkdtempSync(join(tmpdir(), prefix));
    await options.prepare?.(session.dir);
    session.served = await startServe(join(session.dir, "workspace.sqlite"), await ensureRenderer(), options.env);
    session.browser = await launchChromium();
    ({ page: session.page, problems: session.problems } = await openPage(session.browser, session.served.url));
  });
  afterAll(async () => {
    await session.browser?.close();
    const code = await session.served?.stop();
    rmSync(session.dir, { recursive: true, force: true });
    expect(code, session.served?.stderr()).toBe(0);
  });
  return session;
}
