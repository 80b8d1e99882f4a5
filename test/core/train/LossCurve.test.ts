import { describe, expect, it } from "vitest";
import { LossCurve } from "../../../electron/core/train/LossCurve";

describe("LossCurve", () => {
  it("keeps the points in step order, ignoring repeats and non-numbers", () => {
    const c = new LossCurve();
    c.add(1, 3.5);
    c.add(1, 3.4);
    c.add(2, Number.NaN);
    c.add(3, 3.1);
    expect(c.toJSON()).toEqual([
      [1, 3.5],
      [3, 3.1],
    ]);
    expect(JSON.parse(JSON.stringify({ curve: c }))).toEqual({
      curve: [
        [1, 3.5],
        [3, 3.1],
      ],
    });
  });

  it("stays bounded over a long run, from the first step to the last", () => {
    const c = new LossCurve([], 16);
    for (let step = 1; step <= 1000; step++) c.add(step, 10 / step);
    const points = c.toJSON();
    expect(points.length).toBeLessThanOrEqual(16);
    expect(points.length).toBeGreaterThanOrEqual(8);
    expect(points[0]).toEqual([1, 10]);
    expect(points[points.length - 1]![0]).toBe(1000);
    for (let i = 1; i < points.length; i++) expect(points[i]![0]).toBeGreaterThan(points[i - 1]![0]);
  });

  it("a resumed training continues the curve its job stored, past the step it had reached", () => {
    const c = LossCurve.fromProgress(
      JSON.stringify({
        fraction: 0.5,
        phase: "training",
        detail: {
          loss: 3,
          curve: [
            [1, 4],
            [5, 3],
          ],
        },
      }),
    );
    c.add(4, 3.2);
    c.add(6, 2.9);
    expect(c.toJSON()).toEqual([
      [1, 4],
      [5, 3],
      [6, 2.9],
    ]);
    expect(LossCurve.fromProgress(null).toJSON()).toEqual([]);
    expect(LossCurve.fromProgress(JSON.stringify({ detail: { curve: [[1, "x"]] } })).toJSON()).toEqual([]);
  });
});
