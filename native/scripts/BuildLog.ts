import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { NativeBuildError } from "./NativeBuildError";

/** Lines of a failed step shown on screen; the whole output stays in the log file. */
const TAIL_LINES = 60;

/**
 * One log file for everything the native builds print (CMake, the compilers, git, node-llama-cpp's
 * build): the screen gets progress lines only, and a step's last lines when it fails.
 */
export class BuildLog {
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `# native build, ${new Date().toISOString()}\n`);
  }

  note(step: string, line: string): void {
    appendFileSync(this.path, `[${step}] ${line}\n`);
  }

  /** Runs a command with its output in the log (each line prefixed by the step); `onLine` sees each line as it comes. */
  run(step: string, cmd: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void }): Promise<void> {
    this.note(step, `$ ${cmd} ${args.join(" ")}`);
    const tail: string[] = [];
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
      let pending = "";
      const take = (chunk: Buffer): void => {
        const lines = (pending + chunk.toString("utf8")).split(/\r?\n/);
        pending = lines.pop()!;
        for (const line of lines) this.line(step, line, tail, options.onLine);
      };
      child.stdout.on("data", take);
      child.stderr.on("data", take);
      child.once("error", (error) => reject(new NativeBuildError(`${step}: could not run ${cmd} (${error.message}); full output in ${this.path}`)));
      child.once("close", (code, signal) => {
        if (pending) this.line(step, pending, tail, options.onLine);
        // where the time went (the one-core stretches: clones, configures, links)
        this.note(step, `$ ${cmd} ${args[0] ?? ""} ended (${signal ?? `exit ${code}`}) after ${((performance.now() - started) / 1000).toFixed(1)} s`);
        if (code === 0) return resolve();
        const how = signal ? `was killed by ${signal}` : `failed with exit code ${code}`;
        reject(new NativeBuildError(`${step}: ${cmd} ${args[0] ?? ""} ${how}. Its last lines:\n${tail.join("\n")}\nfull output: ${this.path}`));
      });
    });
  }

  private line(step: string, line: string, tail: string[], onLine?: (line: string) => void): void {
    appendFileSync(this.path, `[${step}] ${line}\n`);
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    onLine?.(line);
  }
}
