import { beforeAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHANNELS } from "../../electron/shared/api/channels";
// @ts-expect-error an untyped build script
import { buildElectron } from "../../scripts/build-electron.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const SUPPORT = join(import.meta.dirname, "support");

/**
 * The bundled shell, as electron-builder would ship it, run under plain Node on a stand-in for
 * Electron's API (support/electronStandIn.cjs): the Electron binary cannot be downloaded here. What
 * this proves is the shell's own logic and wiring — calls go through the real preload bundle and
 * main bundle to a real core host process and database. Electron's own enforcement of the settings
 * is not exercised.
 */
type Failure = { name?: string; code: string; field?: string; message: string };
/** What support/runShell.mjs reports (see there for how each is obtained). */
type ShellRun = {
  home: string;
  quitAtStart: number;
  window: { webPreferences: Record<string, unknown>; loadedUrl: string; shown: boolean; preloadExists: boolean };
  requests: Record<string, boolean>;
  csp: string[];
  permissionAnswers: boolean[];
  permissionCheck: boolean;
  navigation: Record<string, boolean>;
  windowOpen: unknown;
  webviewPrevented: boolean;
  exposedAs: string;
  exposedMethods: string[];
  handledChannels: string[];
  info: { name: string; dbPath: string };
  synth: { rowsImported: number };
  datasets: { records: number; kind: string }[];
  eventTypes: string[];
  badArgument: Failure;
  unknownField: Failure;
  otherWindow: Failure;
  otherFrame: Failure;
  focusedOnSecondInstance: boolean;
  hostExit: { code: number | null; signal: string | null };
  quitAtEnd: number;
  quitBeforeHostExit: number;
};

function runShell(scenario: "full" | "second"): ShellRun {
  const home = mkdtempSync(join(tmpdir(), "collapse-shell-"));
  mkdirSync(home, { recursive: true });
  const r = spawnSync(
    process.execPath,
    ["--import", join(SUPPORT, "electronLoader.mjs"), join(SUPPORT, "runShell.mjs"), join(ROOT, "dist", "electron"), scenario],
    {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, STANDIN_USER_DATA: home, COLLAPSE_LAB_HOME: "", COLLAPSE_LAB_DB: "" },
    },
  );
  const line = r.stdout.trim().split("\n").pop() ?? "";
  if (r.status !== 0 || !line.startsWith("{")) throw new Error(`the shell run failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return { ...JSON.parse(line), home };
}

describe("the bundled Electron shell on a stand-in for Electron's API", () => {
  let run: ShellRun;
  beforeAll(async () => {
    await buildElectron();
    run = runShell("full");
  }, 180_000);

  test("a second instance quits at once", () => {
    expect(runShell("second").quitAtStart).toBe(1);
    expect(run.quitAtStart).toBe(0);
  });

  test("one hardened window on the built renderer, shown when ready", () => {
    expect(run.window.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(run.window.webPreferences.preload).toBe(join(ROOT, "dist", "electron", "preload.cjs"));
    expect(run.window.preloadExists).toBe(true);
    expect(run.window.loadedUrl).toBe(`file://${join(ROOT, "dist", "renderer", "index.html")}`);
    expect(run.window.shown).toBe(true);
  });

  test("the session cancels every request but the app's own files, sets the CSP, and grants no permission", () => {
    expect(run.requests).toEqual({ appPage: false, remote: true, localhost: true, otherFile: true });
    expect(run.csp[0]).toMatch(/^default-src 'none'; script-src 'self'/);
    expect(run.permissionAnswers).toEqual([false, false, false, false]);
    expect(run.permissionCheck).toBe(false);
  });

  test("navigation away, new windows and webviews are refused", () => {
    expect(run.navigation).toEqual({ remotePrevented: true, ownPagePrevented: false });
    expect(run.windowOpen).toEqual({ action: "deny" });
    expect(run.webviewPrevented).toBe(true);
  });

  test("the preload exposes exactly the contract as window.lab, and main handles exactly its channels", () => {
    expect(run.exposedAs).toBe("lab");
    expect(run.exposedMethods).toEqual([...CHANNELS, "onEvent"].sort());
    expect(run.handledChannels).toEqual([...CHANNELS].sort());
  });

  test("calls go through preload and main to the core host process and its database; events come back", () => {
    expect(run.info.name).toBe("Collapse Lab");
    expect(run.info.dbPath.startsWith(run.home)).toBe(true); // Electron's userData folder
    expect(run.synth.rowsImported).toBe(40);
    expect(run.datasets).toHaveLength(1);
    expect(run.datasets[0]).toMatchObject({ records: 40, kind: "synthetic" });
    expect(run.eventTypes).toContain("import.progress");
  });

  test("bad arguments are refused with an error naming the field; calls from another window or page are forbidden", () => {
    expect(run.badArgument).toMatchObject({ name: "ApiError", code: "invalid-argument", field: "records" });
    expect(run.unknownField.code).toBe("invalid-argument");
    expect(run.unknownField.message).toContain("evil");
    expect(run.otherWindow).toMatchObject({ code: "forbidden" });
    expect(run.otherFrame).toMatchObject({ code: "forbidden" });
  });

  test("a second launch restores and focuses the window; closing it stops the core host cleanly and quits", () => {
    expect(run.focusedOnSecondInstance).toBe(true);
    expect(run.hostExit).toEqual({ code: 0, signal: null });
    // the app quits only once the core host (and with it every study runner) has stopped
    expect(run.quitBeforeHostExit).toBe(0);
    expect(run.quitAtEnd).toBe(1);
  });
});
