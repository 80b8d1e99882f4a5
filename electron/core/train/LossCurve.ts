/** [step, loss] */
export type LossPoint = [number, number];

/**
 * The training loss so far, for the window to draw: it travels with every progress report and is
 * stored with the job, so a window opened mid-training shows the whole curve. Bounded: when it
 * has `max` points every other one is dropped, keeping the shape at half the resolution.
 */
export class LossCurve {
  private points: LossPoint[];

  constructor(
    initial: readonly LossPoint[] = [],
    private readonly max = 256,
  ) {
    this.points = initial.map((p) => [p[0], p[1]]);
  }

  /** The curve a job stored with its last progress (detail.curve), so a resumed training continues it. */
  static fromProgress(progressJson: string | null): LossCurve {
    const curve = (JSON.parse(progressJson ?? "null") as { detail?: { curve?: unknown } } | null)?.detail?.curve;
    const valid = Array.isArray(curve) && curve.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite));
    return new LossCurve(valid ? (curve as LossPoint[]) : []);
  }

  add(step: number, loss: number): void {
    if (!Number.isFinite(loss)) return;
    const last = this.points[this.points.length - 1];
    if (last && last[0] >= step) return;
    this.points.push([step, loss]);
    if (this.points.length > this.max) this.points = this.points.filter((_, i, all) => i % 2 === 0 || i === all.length - 1);
  }

  toJSON(): LossPoint[] {
    return this.points.map((p) => [p[0], p[1]]);
  }
}
