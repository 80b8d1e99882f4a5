import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..", "..");

export type Served = {
  url: string;
  origin: string;
  token: string;
  port: number;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<number | null>;
};

/** `lab serve` as a real child process on the given workspace; resolves once it printed its URL. */
export async function startServe(dbPath: string, rendererDir: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "electron/cli/main.ts"), "serve", "--db", dbPath, "--renderer", rendererDir, "--json"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const first = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`lab serve exited with ${code} before printing its URL:\n${stderr}`)));
  });
  const { url, port, token } = JSON.parse(first) as { url: string; port: number; token: string };
  return {
    url,
    port,
    token,
    origin: `http://127.0.0.1:${port}`,
    child,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}
