import type { Command } from "commander";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { openApi } from "../../core/api/openApi";
import { defaultDatabasePath } from "../../core/workspace/appDataDir";
import { runOf } from "../cliRun";
import type { GlobalOptions } from "../context";
import { createHttpApi, defaultRendererDir } from "../serve/httpApi";
import { ensureRendererBuilt } from "../serve/rendererBuild";

/** `lab serve`: the desktop app's UI in a local browser, over the same API contract as Electron. */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description("serve the app's UI and API on 127.0.0.1 (random port, per-launch access token)")
    .option("--port <n>", "port (default: a free one)", "0")
    .option("--renderer <dir>", "a built renderer to serve (default: dist/renderer, built when missing or stale)")
    .action(async (opts: { port: string; renderer?: string }, cmd: Command) => {
      const global = cmd.optsWithGlobals<GlobalOptions>();
      const io = runOf(cmd);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number from 0 to 65535, got "${opts.port}"`);
      // a folder given is used as it is; the default one is built, or rebuilt when its sources changed
      const rendererDir = opts.renderer
        ? resolve(opts.renderer)
        : await ensureRendererBuilt({ dir: defaultRendererDir(), log: (line) => io.stderr(line + "\n") });
      if (!existsSync(join(rendererDir, "index.html")))
        throw new Error(`${rendererDir} has no built UI (index.html); build one with "npm run build:renderer", or leave --renderer out`);
      const api = openApi({ dbPath: resolve(global.db ?? defaultDatabasePath(io.env)) });
      const http = await createHttpApi(api, { rendererDir, port });
      const url = http.url();
      if (global.json) io.stdout(JSON.stringify({ url, port: Number(new URL(url).port), token: http.token }) + "\n");
      else io.stdout(`Collapse Lab is served at ${url}\n(open it in a browser on this computer; Ctrl+C stops)\n`);
      await new Promise<void>((done) => {
        const stop = () =>
          void http
            .close()
            .then(() => api.close())
            .then(done);
        // Ctrl-C or SIGTERM in the bin
        if (io.signal.aborted) stop();
        else io.signal.addEventListener("abort", stop, { once: true });
      });
    });
}
