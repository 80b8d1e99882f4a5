#!/usr/bin/env node
// `npm start`: the desktop app. The Electron shell and the React renderer are the next step of the
// project (see the README); until they land this says so instead of failing obscurely.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let binary = null;
try {
  const dir = require.resolve("electron/package.json").replace(/package\.json$/, "");
  binary = existsSync(`${dir}dist`) ? `${dir}dist` : null;
} catch {
  binary = null;
}
console.error(
  [
    "Collapse Lab's desktop shell (electron/main, electron/preload, renderer/) is not built yet.",
    binary ? "The Electron binary is installed." : "The Electron binary is not installed here (it downloads on first launch, which needs internet access).",
    "Everything the app does is available headless: npm run -s lab -- --help",
  ].join("\n"),
);
process.exit(1);
