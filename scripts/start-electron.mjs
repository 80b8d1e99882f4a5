#!/usr/bin/env node
// `npm start`: builds the renderer and the Electron shell, then launches Electron if its binary
// is installed; otherwise says how to get it (the UI also runs in a browser: lab serve).
import { fileURLToPath } from "node:url";
import { spawn, spawnSync } from "node:child_process";
import { buildElectron } from "./build-electron.mjs";
import { ELECTRON_MISSING, installedElectronBinary } from "./electronBinary.mjs";

const vite = fileURLToPath(new globalThis.URL("../node_modules/vite/bin/vite.js", import.meta.url));
const renderer = spawnSync(process.execPath, [vite, "build", "-c", "renderer/vite.config.ts", "--configLoader", "runner", "--logLevel", "warn"], {
  stdio: "inherit",
});
if (renderer.status !== 0) process.exit(renderer.status ?? 1);
await buildElectron();

const binary = installedElectronBinary();
if (!binary) {
  console.error(
    `Built dist/renderer and dist/electron, but ${ELECTRON_MISSING}\n` +
      "Then npm start again. Meanwhile the same app runs in a local browser: npm run -s lab -- serve",
  );
  process.exit(1);
}
// better-sqlite3 must be built for Electron's ABI in the packaged app (electron-builder does it);
// here the core host uses COLLAPSE_SQLITE_BINDING when given.
const child = spawn(binary, ["."], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
