// A stand-in for the parts of Electron's API the shell uses, recording what the shell does with
// them, so the bundled main.js and preload.cjs run under plain Node (the Electron binary cannot be
// downloaded here). utilityProcess.fork starts a real Node child with Electron's parentPort shape.
const { EventEmitter } = require("node:events");
const { fork } = require("node:child_process");
const { join } = require("node:path");

const record = { quit: 0, focus: 0, windows: [], permissionAnswers: [], children: [] };
const standIn = { record, singleInstanceLock: true, rendererListeners: new Map(), handlers: new Map() };

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.mainFrame = { url: "" };
    this.sent = [];
    this.windowOpenHandler = null;
  }
  send(channel, payload) {
    this.sent.push(channel);
    for (const l of standIn.rendererListeners.get(channel) ?? []) l({}, payload);
  }
  setWindowOpenHandler(h) {
    this.windowOpenHandler = h;
  }
}

const app = new EventEmitter();
let ready;
const readyPromise = new Promise((r) => (ready = r));
Object.assign(app, {
  requestSingleInstanceLock: () => standIn.singleInstanceLock,
  quit: () => void record.quit++,
  whenReady: () => readyPromise,
  getPath: () => process.env.STANDIN_USER_DATA,
});

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.minimized = false;
    record.windows.push(this);
    app.emit("web-contents-created", {}, this.webContents);
  }
  async loadURL(url) {
    this.webContents.mainFrame.url = url;
    this.loadedUrl = url;
    this.emit("ready-to-show");
  }
  show() {
    this.shown = true;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  focus() {
    record.focus++;
  }
}

const session = {
  defaultSession: {
    webRequest: {
      onBeforeRequest: (_filter, l) => (standIn.beforeRequest = l),
      onHeadersReceived: (l) => (standIn.headersReceived = l),
    },
    setPermissionRequestHandler: (h) => (standIn.permissionRequest = h),
    setPermissionCheckHandler: (h) => (standIn.permissionCheck = h),
  },
};

const ipcMain = { handle: (channel, fn) => standIn.handlers.set(channel, fn) };

/** The preload's side: invoke reaches main's handler as a call from `sender` (the app's window unless set). */
const ipcRenderer = {
  invoke: (channel, args) => {
    const win = record.windows[0];
    const event = standIn.nextEvent ?? { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    standIn.nextEvent = undefined;
    return standIn.handlers.get(channel)(event, args);
  },
  on: (channel, l) => standIn.rendererListeners.set(channel, [...(standIn.rendererListeners.get(channel) ?? []), l]),
  off: (channel, l) =>
    standIn.rendererListeners.set(
      channel,
      (standIn.rendererListeners.get(channel) ?? []).filter((x) => x !== l),
    ),
};

const contextBridge = { exposeInMainWorld: (key, value) => (standIn.exposed = { key, value }) };

const utilityProcess = {
  fork(script, args) {
    const child = fork(join(__dirname, "utilityProcessShim.mjs"), [script, ...args], { stdio: "inherit" });
    record.children.push(child);
    return {
      on: (event, l) => (event === "exit" ? child.on("exit", (code) => l(code)) : child.on("message", l)),
      postMessage: (m) => child.send(m),
      kill: () => child.kill(),
      pid: child.pid,
    };
  },
};

module.exports = { app, BrowserWindow, session, ipcMain, ipcRenderer, contextBridge, utilityProcess, standIn, becomeReady: () => ready() };
