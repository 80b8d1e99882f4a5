// The Electron shell: one hardened window over the built renderer, IPC that validates every call
// and forwards it to the core host. Nothing else in the project imports this folder.
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from "electron";
import { join } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { CHANNELS, EVENTS_CHANNEL } from "../shared/api/channels";
import { ApiError } from "../shared/api/errors";
import { validateRequest } from "../shared/api/validate";
import { defaultDatabasePath } from "../core/workspace/appDataDir";
import { CoreHostClient } from "./CoreHostClient";
import { ELECTRON_CSP, GRANTED_PERMISSIONS, isAllowedRequest, isAppPage, windowOptions } from "./windowOptions";

const here = fileURLToPath(new URL(".", import.meta.url));
const rendererDir = join(here, "..", "renderer");
const indexUrl = pathToFileURL(join(rendererDir, "index.html")).href;
let win: BrowserWindow | null = null;
let host: CoreHostClient | null = null;

if (!app.requestSingleInstanceLock()) app.quit();
app.on("second-instance", () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

function hardenSession(): void {
  const s = session.defaultSession;
  s.webRequest.onBeforeRequest({ urls: ["<all_urls>"] }, (details, callback) => callback({ cancel: !isAllowedRequest(details.url, rendererDir) }));
  s.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [ELECTRON_CSP] } }),
  );
  s.setPermissionRequestHandler((_wc, permission, callback) => callback(GRANTED_PERMISSIONS.includes(permission)));
  s.setPermissionCheckHandler(() => false);
}

app.on("web-contents-created", (_e, contents) => {
  contents.on("will-navigate", (event, url) => {
    if (!isAppPage(url, indexUrl)) event.preventDefault();
  });
  contents.on("will-attach-webview", (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: "deny" }));
});

/** Only the app's own window, on the app's own page, may call the API. */
function fromAppWindow(event: IpcMainInvokeEvent): boolean {
  return win !== null && event.sender === win.webContents && event.senderFrame === win.webContents.mainFrame && isAppPage(event.senderFrame.url, indexUrl);
}

function registerIpc(client: CoreHostClient): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, args: unknown) => {
      if (!fromAppWindow(event))
        return { ok: false, error: new ApiError("forbidden", `${channel}: the call did not come from the Collapse Lab window`).toInfo() };
      try {
        validateRequest(channel, args); // reject early; the core host validates again
      } catch (error) {
        return { ok: false, error: ApiError.from(error).toInfo() };
      }
      return client.call(channel, args);
    });
  }
}

async function createWindow(): Promise<void> {
  win = new BrowserWindow(windowOptions(join(here, "preload.cjs")));
  win.once("ready-to-show", () => win?.show());
  win.on("closed", () => (win = null));
  await win.loadURL(indexUrl);
}

app.whenReady().then(async () => {
  hardenSession();
  // an empty variable counts as unset, as a shell user means it
  const dbPath =
    process.env.COLLAPSE_LAB_DB || defaultDatabasePath({ ...process.env, COLLAPSE_LAB_HOME: process.env.COLLAPSE_LAB_HOME || app.getPath("userData") });
  host = new CoreHostClient(join(here, "coreHost.js"), [dbPath, join(here, "studyWorker.js")], (event) => win?.webContents.send(EVENTS_CHANNEL, event));
  registerIpc(host);
  await createWindow();
});

// quitting waits (boundedly) for the core host to stop its study runners, so none is left orphaned mid-write
app.on("window-all-closed", () => {
  void (host?.stop() ?? Promise.resolve()).then(() => app.quit());
});
