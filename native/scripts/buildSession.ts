import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BuildLog } from "./BuildLog";
import { BuildProgress } from "./BuildProgress";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BUILD = join(ROOT, "native", "build");
const TIMINGS = join(BUILD, "timings.json");

/** First guesses on 2 cores, until a build on this machine has taken its own time. */
const FIRST_GUESS_S: Record<string, number> = { trainer: 120, "trainer (link)": 15, "CPU binding": 200 };

/** What the native build steps share: the log file, the screen, and how long each phase took last time. */
export type BuildSession = {
  log: BuildLog;
  progress: BuildProgress;
  estimateS(phase: string): number;
  took(phase: string, seconds: number): void;
};

/**
 * Opens the build log (native/build/native-build.log) and prints where it is. `log`, when given,
 * receives whole lines (a bench's or test's logger) instead of the terminal's redrawn line.
 */
export function openBuildSession(options: { log?: (line: string) => void } = {}): BuildSession {
  const log = new BuildLog(join(BUILD, "native-build.log"));
  const progress = options.log ? new BuildProgress((text) => options.log!(text.replace(/\n$/, "")), false) : new BuildProgress();
  const say = options.log ?? ((line: string) => process.stderr.write(line + "\n"));
  say(`native build: compiler output goes to ${relative(process.cwd(), log.path) || log.path}`);
  const timings: Record<string, number> = existsSync(TIMINGS) ? (JSON.parse(readFileSync(TIMINGS, "utf8")) as Record<string, number>) : {};
  return {
    log,
    progress,
    estimateS: (phase) => timings[phase] ?? FIRST_GUESS_S[phase] ?? 60,
    took: (phase, seconds) => {
      timings[phase] = Math.round(seconds);
      mkdirSync(BUILD, { recursive: true });
      writeFileSync(TIMINGS, JSON.stringify(timings, null, 2) + "\n");
    },
  };
}
