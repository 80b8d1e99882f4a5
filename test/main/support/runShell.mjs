// Runs the bundled shell (dist/electron/main.js and preload.cjs) on the Electron stand-in and
// prints what it did as one JSON line. Started by test/main/shellOnStandIn.test.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import electron from "electron";

const [distDir, scenario] = process.argv.slice(2);
const { standIn, becomeReady } = electron;
const { record } = standIn;
const out = {};
const until = async (what, test) => {
  for (let i = 0; i < 600 && !test(); i++) await new Promise((r) => globalThis.setTimeout(r, 50));
  if (!test()) throw new Error(`timed out waiting for ${what}`);
};

standIn.singleInstanceLock = scenario !== "second";
await import(pathToFileURL(join(distDir, "main.js")).href);
out.quitAtStart = record.quit;
if (scenario === "second") {
  process.stdout.write(JSON.stringify(out) + "\n");
  process.exit(0);
}

becomeReady();
await until("the window", () => record.windows[0]?.loadedUrl);
const win = record.windows[0];
out.window = {
  webPreferences: win.options.webPreferences,
  loadedUrl: win.loadedUrl,
  shown: win.shown === true,
  preloadExists: readFileSync(win.options.webPreferences.preload).length > 0,
};

// the session
const cancelled = (url) => {
  let answer;
  standIn.beforeRequest({ url }, (r) => (answer = r.cancel));
  return answer;
};
out.requests = {
  appPage: cancelled(win.loadedUrl),
  remote: cancelled("https://example.org/x.js"),
  localhost: cancelled("http://127.0.0.1:9/"),
  otherFile: cancelled("file:///etc/passwd"),
};
standIn.headersReceived({ responseHeaders: {} }, (r) => (out.csp = r.responseHeaders["Content-Security-Policy"]));
for (const permission of ["media", "geolocation", "notifications", "clipboard-read"])
  standIn.permissionRequest(null, permission, (granted) => record.permissionAnswers.push(granted));
out.permissionAnswers = record.permissionAnswers;
out.permissionCheck = standIn.permissionCheck(null, "media");

// navigation and new windows
const navigation = (url) => {
  let prevented = false;
  win.webContents.emit("will-navigate", { preventDefault: () => (prevented = true) }, url);
  return prevented;
};
out.navigation = { remotePrevented: navigation("https://example.org/"), ownPagePrevented: navigation(win.loadedUrl + "#results") };
out.windowOpen = win.webContents.windowOpenHandler({ url: "https://example.org/" });
let webviewPrevented = false;
win.webContents.emit("will-attach-webview", { preventDefault: () => (webviewPrevented = true) });
out.webviewPrevented = webviewPrevented;

// the preload, as a sandboxed preload runs: its own require gives only electron
const preloadSource = readFileSync(join(distDir, "preload.cjs"), "utf8");
const module = { exports: {} };
new Function("require", "module", "exports", preloadSource)(
  (id) => {
    if (id === "electron") return electron;
    throw new Error(`the sandboxed preload may not require ${id}`);
  },
  module,
  module.exports,
);
const lab = standIn.exposed.value;
out.exposedAs = standIn.exposed.key;
out.exposedMethods = Object.keys(lab).sort();
out.handledChannels = [...standIn.handlers.keys()].sort();

// calls through preload → main → the core host (a real child process with a real database)
const events = [];
lab.onEvent((e) => events.push(e.type));
out.info = await lab["app.info"]();
out.synth = await lab["datasets.synth"]({ records: 40, seed: 3 });
out.datasets = await lab["datasets.list"]();
out.eventTypes = [...new Set(events)];
out.badArgument = await lab["datasets.synth"]({ records: 5, seed: 3 }).then(
  () => null,
  (e) => ({ name: e.name, code: e.code, field: e.field, message: e.message }),
);
out.unknownField = await lab["datasets.list"]({ evil: true }).then(
  () => null,
  (e) => ({ code: e.code, message: e.message }),
);
const other = new electron.BrowserWindow({});
standIn.nextEvent = { sender: other.webContents, senderFrame: other.webContents.mainFrame };
out.otherWindow = await lab["datasets.list"]().then(
  () => null,
  (e) => ({ code: e.code, message: e.message }),
);
standIn.nextEvent = { sender: win.webContents, senderFrame: { url: "https://example.org/" } };
out.otherFrame = await lab["datasets.list"]().then(
  () => null,
  (e) => ({ code: e.code }),
);

// a second launch focuses this window; closing the last window stops the core host and quits
win.minimized = true;
electron.app.emit("second-instance");
out.focusedOnSecondInstance = record.focus === 1 && win.minimized === false;
const host = record.children[0];
const hostExit = new Promise((r) => host.once("exit", (code, signal) => r({ code, signal })));
electron.app.emit("window-all-closed");
out.quitBeforeHostExit = record.quit;
out.hostExit = await hostExit;
await sleep(50); // the quit follows the exit by a promise turn
out.quitAtEnd = record.quit;
process.stdout.write(JSON.stringify(out) + "\n");
process.exit(0);
