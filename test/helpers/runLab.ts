import { spawnSync } from "node:child_process";
import { runCli } from "../../electron/cli/runCli";

export type LabResult = { status: number | null; stdout: string; stderr: string };

/** Runs the real CLI in a child process, as a user would (`npm run -s lab -- …`, environment file included): for exit codes, signals and pipes. */
export function runLab(args: string[], env: Record<string, string> = {}): LabResult {
  const r = spawnSync(process.execPath, ["--env-file=electron/cli/generation.env", "--import", "tsx", "electron/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
    timeout: 300_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same command run in this process (runCli, as the bin calls it), its output collected: for what a
 * command does, without a process start-up (tsx compiling the CLI) per call. The bin's own part, the
 * exit status and streams of a real process, is tested through runLab (test/cli/labBin.test.ts).
 */
export async function lab(args: string[], env: Record<string, string> = {}): Promise<LabResult> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { ...process.env, ...env },
    signal: new AbortController().signal,
  });
  return { status, stdout, stderr };
}
