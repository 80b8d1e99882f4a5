/** [step, loss] */
export type LossPoint = [number, number];

/**
 * The training loss so far, for the window to draw: it travels with every progress report and is
 * stored with the job, so a window opened mid-training shows the whole curve. Bounded: when it
 * has `max` points every other one is dropped, keeping the shape at half the resolution.
 */
export class LossCurve {
  private points: LossPoint[] = [];

  constructor(private readonly max = 256) {}

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
