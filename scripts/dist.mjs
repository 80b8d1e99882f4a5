#!/usr/bin/env node
// Packages the desktop app: builds the renderer, the Electron main/preload and the native trainer,
// then runs electron-builder, which rebuilds native modules for Electron's ABI inside the package
// only (node_modules keeps the Node build the tests use). Needs the Electron binary, i.e. a
// machine with internet access or an electron_config_cache holding it.
import { execSync } from "node:child_process";
import { buildElectron } from "./build-electron.mjs";

const run = (cmd) => execSync(cmd, { stdio: "inherit" });
run("npm run build:renderer");
await buildElectron();
// the trainer only: the CPU inference binding is built for this machine's CPU and stays out of the package
execSync("npm run build:native", { stdio: "inherit", env: { ...process.env, COLLAPSE_INFERENCE_BUILD: "0" } });
run(`npx electron-builder --config electron-builder.yml ${process.argv.slice(2).join(" ")}`);
