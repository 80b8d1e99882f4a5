/** The build tools' progress marks: make's "[ 45%] Building …", ninja's "[12/153] Building …". */
const PERCENT = /^\[\s*(\d{1,3})%\]/;
const STEPS = /^\[(\d+)\/(\d+)\]/;

type Phase = { name: string; started: number; estimateS: number; fraction: number };

export type PhaseHandle = {
  /** feeds one line of the phase's build output; progress marks move the phase on */
  line(line: string): void;
  done(): number;
};

/**
 * The screen side of the native builds: one line per phase with the time left. On a terminal the
 * line of each running phase is redrawn in place and replaced by its final line; elsewhere (CI, a
 * test's global setup) a phase prints one line when it starts and one when it ends.
 */
export class BuildProgress {
  private readonly running: Phase[] = [];
  private timer: NodeJS.Timeout | undefined;
  private drawn = false;

  constructor(
    private readonly write: (text: string) => void = (text) => process.stderr.write(text),
    private readonly tty = process.stderr.isTTY === true,
  ) {}

  /** `estimateS`: how long the phase took last time (or a first guess), the time left until progress marks come. */
  start(name: string, estimateS: number): PhaseHandle {
    const phase: Phase = { name, started: Date.now(), estimateS, fraction: 0 };
    this.running.push(phase);
    if (this.tty) {
      this.timer ??= setInterval(() => this.draw(), 1000).unref();
      this.draw();
    } else {
      this.write(`${name}: about ${duration(estimateS)}\n`);
    }
    return {
      line: (line) => {
        const percent = PERCENT.exec(line);
        const steps = percent ? null : STEPS.exec(line);
        if (percent) phase.fraction = Math.min(1, Number(percent[1]) / 100);
        else if (steps && Number(steps[2]) > 0) phase.fraction = Math.min(1, Number(steps[1]) / Number(steps[2]));
      },
      done: () => this.finish(phase),
    };
  }

  private finish(phase: Phase): number {
    const tookS = (Date.now() - phase.started) / 1000;
    this.running.splice(this.running.indexOf(phase), 1);
    this.clear();
    this.write(`${phase.name}: done in ${duration(tookS)}\n`);
    if (this.running.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    } else if (this.tty) this.draw();
    return tookS;
  }

  /** Before an error is printed: the live line goes, and no more are drawn. */
  stop(): void {
    this.running.length = 0;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }

  private draw(): void {
    if (!this.tty || this.running.length === 0) return;
    const now = Date.now();
    const parts = this.running.map((p) => `${p.name} ${Math.round(p.fraction * 100)}%, ${left(p, now)}`);
    this.write(`\r\x1b[2K${parts.join(" · ")}`);
    this.drawn = true;
  }

  private clear(): void {
    if (this.drawn) this.write("\r\x1b[2K");
    this.drawn = false;
  }
}

/** From the progress so far once there is some, else from the estimate. */
function left(phase: Phase, now: number): string {
  const elapsedS = (now - phase.started) / 1000;
  const leftS = phase.fraction >= 0.05 ? (elapsedS / phase.fraction) * (1 - phase.fraction) : Math.max(0, phase.estimateS - elapsedS);
  return `about ${duration(leftS)} left`;
}

export function duration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
