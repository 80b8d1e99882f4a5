import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { requireTier } from "../../helpers/testTier";

const ROOT = join(import.meta.dirname, "..", "..", "..");
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
export const CHROMIUM = "/usr/bin/chromium";

/** Debian's Chromium, headless and with every phone-home feature off. */
export async function launchChromium(): Promise<Browser> {
  requireTier("browser", "launchChromium()");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing; install it with "apt-get install -y chromium" (the UI tests need a real browser)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** A page that records console errors and uncaught exceptions, so a test can assert there were none. */
export async function openPage(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
  const problems = recordProblems(page);
  await page.goto(url);
  return { page, problems };
}

/** The page's console errors and uncaught exceptions from now on. */
export function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  return problems;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
