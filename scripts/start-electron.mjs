#!/usr/bin/env node
// `npm start`: builds the renderer and the Electron shell, then launches Electron if its binary
// is installed; otherwise says how to get it (the UI also runs in a browser: lab serve).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { buildElectron } from "./build-electron.mjs";

const require = createRequire(import.meta.url);
const vite = fileURLToPath(new globalThis.URL("../node_modules/vite/bin/vite.js", import.meta.url));
const renderer = spawnSync(process.execPath, [vite, "build", "-c", "renderer/vite.config.ts", "--configLoader", "runner", "--logLevel", "warn"], { stdio: "inherit" });
if (renderer.status !== 0) process.exit(renderer.status ?? 1);
await buildElectron();

let binary = null;
try {
  const pathFile = require.resolve("electron/path.txt");
  const dist = pathFile.replace(/path\.txt$/, "dist/");
  const name = (await import("node:fs")).readFileSync(pathFile, "utf8").trim();
  binary = existsSync(dist + name) ? dist + name : null;
} catch {
  binary = null;
}
if (!binary) {
  console.error(
    [
      "Built dist/renderer and dist/electron, but the Electron binary is not installed here.",
      "On a machine with internet access run: node node_modules/electron/install.js",
      "(or copy an electron-v45 zip into ~/.cache/electron/ and run it offline), then npm start again.",
      "Meanwhile the same app runs in a local browser: npm run -s lab -- serve",
    ].join("\n"),
  );
  process.exit(1);
}
// better-sqlite3 must be built for Electron's ABI in the packaged app (electron-builder does it);
// here the core host uses COLLAPSE_SQLITE_BINDING when given.
const child = spawn(binary, ["."], { stdio: "inherit" });
child.on("exit", (code) => process.exit(code ?? 0));
