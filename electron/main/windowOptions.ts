// The window's security settings as plain data (no electron import), so a unit test can assert
// them under plain Node and the shell cannot drift from what the test checks.
import { contentSecurityPolicy } from "../shared/security/contentSecurityPolicy";

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
  devTools: true,
} as const;

export function windowOptions(preloadPath: string) {
  return {
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    title: "Collapse Lab",
    backgroundColor: "#f5f6f8",
    show: false,
    autoHideMenuBar: true,
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  };
}

/** Sent as a header where there are headers; the built index.html carries the same policy as <meta>. */
export const ELECTRON_CSP = contentSecurityPolicy({ connectSelf: false });

/** What the window may load: its own built files, DevTools, and in-memory data (chart exports). */
export function isAllowedRequest(url: string, rendererDir: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === "devtools:" || u.protocol === "data:" || u.protocol === "blob:") return true;
  if (u.protocol !== "file:") return false;
  const path = decodeURIComponent(u.pathname);
  const root = rendererDir.endsWith("/") ? rendererDir : `${rendererDir}/`;
  return path.startsWith(root.replace(/\\/g, "/"));
}

/** A navigation inside the window is allowed only to the app's own page (a reload). */
export function isAppPage(url: string, indexUrl: string): boolean {
  return url.split("#")[0] === indexUrl.split("#")[0];
}

/** The app asks for no permission (camera, notifications, clipboard-read, …); every request is denied. */
export const GRANTED_PERMISSIONS: readonly string[] = [];
