// Where the Electron binary is, if it was installed: electron's own index.js would try to
// download it on first use (impossible offline), so only its path.txt and dist/ are read.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The installed Electron executable, or null. */
export function installedElectronBinary() {
  try {
    const pathFile = require.resolve("electron/path.txt");
    const binary = pathFile.replace(/path\.txt$/, "dist/") + readFileSync(pathFile, "utf8").trim();
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const ELECTRON_MISSING = [
  "the Electron binary is not installed here.",
  "On a machine with internet access run: node node_modules/electron/install.js",
  "(or copy an electron-v45 zip into ~/.cache/electron/ and run it offline).",
].join("\n");
