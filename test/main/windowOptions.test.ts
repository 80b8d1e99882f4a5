import { describe, expect, test } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ELECTRON_CSP, GRANTED_PERMISSIONS, WEB_PREFERENCES, isAllowedRequest, isAppPage, windowOptions } from "../../electron/main/windowOptions";
import { contentSecurityPolicy } from "../../electron/shared/security/contentSecurityPolicy";

const ROOT = join(import.meta.dirname, "..", "..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|mjs)$/.test(f) ? [p] : [];
  });
}

describe("the Electron window's security settings", () => {
  test("isolated, sandboxed, no Node in the page, web security on", () => {
    const prefs = windowOptions("/app/preload.cjs").webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs.preload).toBe("/app/preload.cjs");
    expect(Object.keys(prefs)).not.toContain("enableRemoteModule");
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false);
  });

  test("a strict CSP: nothing inline, nothing remote, no connections", () => {
    const d = Object.fromEntries(ELECTRON_CSP.split("; ").map((x) => [x.split(" ")[0], x.split(" ").slice(1).join(" ")]));
    expect(d["default-src"]).toBe("'none'");
    expect(d["script-src"]).toBe("'self'");
    expect(d["style-src"]).toBe("'self'");
    expect(d["connect-src"]).toBe("'none'");
    expect(d["object-src"]).toBe("'none'");
    expect(d["frame-ancestors"]).toBe("'none'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(contentSecurityPolicy({ connectSelf: true })).toContain("connect-src 'self'");
    expect(contentSecurityPolicy({ connectSelf: true, meta: true })).not.toContain("frame-ancestors");
  });

  test("requests: only the app's own files, DevTools and in-memory data", () => {
    const dir = "/opt/Collapse Lab/resources/app/dist/renderer";
    expect(isAllowedRequest("file:///opt/Collapse%20Lab/resources/app/dist/renderer/index.html", dir)).toBe(true);
    expect(isAllowedRequest("file:///opt/Collapse%20Lab/resources/app/dist/renderer/assets/index.js", dir)).toBe(true);
    expect(isAllowedRequest("devtools://devtools/bundled/inspector.html", dir)).toBe(true);
    expect(isAllowedRequest("data:image/png;base64,AAAA", dir)).toBe(true);
    expect(isAllowedRequest("file:///etc/passwd", dir)).toBe(false);
    expect(isAllowedRequest("file:///opt/Collapse%20Lab/resources/app/dist/renderer-evil/x.js", dir)).toBe(false);
    expect(isAllowedRequest("https://example.org/", dir)).toBe(false);
    expect(isAllowedRequest("http://127.0.0.1:8080/api", dir)).toBe(false);
    expect(isAllowedRequest("ws://localhost/", dir)).toBe(false);
    expect(isAllowedRequest("not a url", dir)).toBe(false);
  });

  test("navigation only to the app's own page; no permission is ever granted", () => {
    const index = "file:///app/dist/renderer/index.html";
    expect(isAppPage("file:///app/dist/renderer/index.html#results", index)).toBe(true);
    expect(isAppPage("https://example.org/", index)).toBe(false);
    expect(isAppPage("file:///app/dist/renderer/other.html", index)).toBe(false);
    expect(GRANTED_PERMISSIONS).toEqual([]);
  });

  test("the shell is thin: nothing outside electron/main and electron/preload imports them", () => {
    const offenders = ["electron", "renderer", "scripts", "test", "bench"]
      .flatMap((d) => files(join(ROOT, d)))
      .filter((f) => !/electron\/(main|preload)\//.test(f) && !f.endsWith("windowOptions.test.ts"))
      .filter((f) => /from ["'][^"']*\/(main|preload)\/[^"']*["']/.test(readFileSync(f, "utf8")))
      .map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  test("the shared folder stays pure: no node:, electron or DOM-only imports", () => {
    const offenders = files(join(ROOT, "electron", "shared")).filter((f) =>
      /from ["'](node:|electron|fs|path|child_process|better-sqlite3|react)/.test(readFileSync(f, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
