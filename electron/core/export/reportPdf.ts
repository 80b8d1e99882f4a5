import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ApiError } from "../../shared/api/errors";

const CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/microsoft-edge",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe",
];

/** A Chromium-family browser to print with: COLLAPSE_CHROMIUM, then the usual install paths. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.COLLAPSE_CHROMIUM) return existsSync(env.COLLAPSE_CHROMIUM) ? env.COLLAPSE_CHROMIUM : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Fails early, before any file of an export is written, where no browser can print the report. */
export function assertPdfAvailable(): void {
  if (!findChromium()) {
    throw new ApiError(
      "not-available",
      "a PDF needs a Chromium-family browser (Chromium, Chrome or Edge; or set COLLAPSE_CHROMIUM to one); " +
        'or print report.html from any browser with "Save as PDF"',
    );
  }
}

/**
 * The report printed to PDF by headless Chromium, offline: its own profile, no network services,
 * and virtual time so the charts are drawn before the page is printed.
 */
export async function reportPdf(html: string, signal?: AbortSignal): Promise<Buffer> {
  const browser = findChromium();
  if (!browser) throw new ApiError("not-available", "a PDF needs a Chromium-family browser");
  const work = mkdtempSync(join(tmpdir(), "collapse-pdf-"));
  try {
    const page = join(work, "report.html");
    const out = join(work, "report.pdf");
    writeFileSync(page, html);
    const args = [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${join(work, "profile")}`,
      "--no-pdf-header-footer",
      "--run-all-compositor-stages-before-draw",
      "--virtual-time-budget=10000",
      `--print-to-pdf=${out}`,
      pathToFileURL(page).href,
    ];
    const child = spawn(browser, args, { stdio: ["ignore", "ignore", "pipe"], ...(signal ? { signal } : {}) });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", resolve);
    });
    if (code !== 0 || !existsSync(out))
      throw new Error(`${browser} could not print the report (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}`);
    return readFileSync(out);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
