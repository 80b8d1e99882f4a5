import { spawnSync } from "node:child_process";

/** Runs the real CLI in a child process, as a user would (`npm run -s lab -- …`, environment file included). */
export function runLab(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--env-file=electron/cli/generation.env", "--import", "tsx", "electron/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
