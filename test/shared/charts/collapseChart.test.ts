import { describe, expect, test } from "vitest";
import type { MetricPoint } from "../../../electron/shared/domain/views";
import { collapseSeries, metricsOf } from "../../../electron/shared/charts/collapseSeries";
import { BAND, collapseChart, collapseDatasets } from "../../../electron/shared/charts/collapseChart";

const p = (
  design: string,
  model: string,
  generation: number,
  seed: number,
  value: number | null,
  metric = "kl_unigram_vs_real",
  low: number | null = null,
  high: number | null = null,
): MetricPoint => ({ design, model, generation, seed, metric, value, low, high });
const labels = { generation: "Generation", noiseFloor: "noise floor", design: (d: string) => d.toUpperCase() };

describe("metric points → collapse curves", () => {
  const points = [
    p("real", "A", 0, 1, 0),
    p("recursive", "A", 1, 1, 0.2),
    p("recursive", "A", 1, 2, 0.4),
    p("recursive", "A", 2, 1, 0.5),
    p("recursive", "A", 2, 2, 0.7),
    p("cross", "A", 1, 1, 0.3, "kl_unigram_vs_real", 0.25, 0.35),
    p("recursive", "A", 1, 1, 0.9, "distinct_3"),
    p("recursive", "B", 1, 1, null),
  ];

  test("one series per model × design, generation 0 from the model's real data, seeds averaged with their 95% t-interval", () => {
    const s = collapseSeries(points, "kl_unigram_vs_real");
    expect(s.map((x) => `${x.model}/${x.design}`)).toEqual(["A/cross", "A/recursive"]);
    const rec = s[1]!;
    expect(rec.points.map((x) => x.generation)).toEqual([0, 1, 2]);
    expect(rec.points[0]).toEqual({ generation: 0, value: 0, low: null, high: null, seeds: 1 });
    expect(rec.points[1]!.value).toBeCloseTo(0.3);
    // 0.2 and 0.4: s = 0.1414, s/√2 = 0.1, t(0.975, 1) = 12.706 → 0.3 ± 1.2706
    expect(rec.points[1]!.low).toBeCloseTo(0.3 - 1.2706, 6);
    expect(rec.points[1]!.high).toBeCloseTo(0.3 + 1.2706, 6);
    expect(rec.points[1]!.seeds).toBe(2);
    expect(rec.points[2]!.value).toBeCloseTo(0.6);
  });

  test("a single seed keeps its stored interval; null values are left out", () => {
    const cross = collapseSeries(points, "kl_unigram_vs_real")[0]!;
    expect(cross.points[1]).toEqual({ generation: 1, value: 0.3, low: 0.25, high: 0.35, seeds: 1 });
    expect(collapseSeries(points, "kl_unigram_vs_real").some((x) => x.model === "B")).toBe(false);
  });

  test("chart.js datasets: a band (low, high filled to low) before each line that has intervals, and the noise floor", () => {
    const ds = collapseDatasets(collapseSeries(points, "kl_unigram_vs_real"), labels, 0.12);
    expect(ds.map((d) => d.label)).toEqual([
      "A · CROSS low",
      "A · CROSS high",
      "A · CROSS",
      "A · RECURSIVE low",
      "A · RECURSIVE high",
      "A · RECURSIVE",
      "noise floor",
    ]);
    const [low, high, line] = ds;
    expect((low as { role?: string }).role).toBe(BAND);
    expect(high!.fill).toBe("-1");
    expect(high!.data).toEqual([{ x: 1, y: 0.35 }]);
    expect(line!.data).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 0.3 },
    ]);
    // the upper ends of the across-seed t-intervals: 0.3 + 1.2706 and 0.6 + 1.2706
    expect((ds[4]!.data as { x: number; y: number }[]).map((d) => [d.x, Number(d.y.toFixed(4))])).toEqual([
      [1, 1.5706],
      [2, 1.8706],
    ]);
    const floor = ds[6]!;
    expect(floor.data).toEqual([
      { x: 0, y: 0.12 },
      { x: 2, y: 0.12 },
    ]);
    expect(floor.borderDash).toEqual([6, 4]);
  });

  test("no band without intervals, no noise floor when not computed", () => {
    const ds = collapseDatasets(collapseSeries(points, "distinct_3"), labels);
    expect(ds.map((d) => d.label)).toEqual(["A · RECURSIVE"]);
  });

  test("the chart hides the band datasets from the legend and labels generations M0…Mk", () => {
    const config = collapseChart(collapseSeries(points, "kl_unigram_vs_real"), "kl_unigram_vs_real", labels);
    const filter = config.options!.plugins!.legend!.labels!.filter!;
    const data = config.data as never;
    expect(filter({ datasetIndex: 0 } as never, data)).toBe(false);
    expect(filter({ datasetIndex: 2 } as never, data)).toBe(true);
    const tick = (config.options!.scales!.x as { ticks: { callback: (v: number) => string } }).ticks.callback;
    expect(tick(3)).toBe("M3");
  });

  test("metrics in the documented order", () => {
    expect(
      metricsOf([
        p("real", "A", 0, 1, 1, "samples"),
        p("real", "A", 0, 1, 1, "distinct_3"),
        p("real", "A", 0, 1, 1, "kl_unigram_vs_real"),
        p("real", "A", 0, 1, 1, "zeta"),
      ]),
    ).toEqual(["kl_unigram_vs_real", "distinct_3", "samples", "zeta"]);
  });
});
