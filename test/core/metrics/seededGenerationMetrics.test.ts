import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";
import type { MetricValue } from "../../../electron/core/metrics/metricNames";
import { SEEDED_CASES, seededGeneration } from "./fixtures/seededGeneration";

/**
 * Speed work must not move a value: every point and interval of two seeded generations equals,
 * to the last bit, what the metrics computed when these values were stored (e9be180, before the
 * speed-ups of issue 5's second pass). Change the file only for a deliberate change of a metric or
 * an interval, and say so in the commit (so far: median_length's order-statistic interval).
 */
const stored = JSON.parse(readFileSync(new URL("./fixtures/seededGenerationMetrics.json", import.meta.url), "utf8")) as Record<string, MetricValue[]>;

describe("generationMetrics on seeded generations", () => {
  for (const c of SEEDED_CASES) {
    it(`${c.name}: the stored values and intervals, exactly`, () => {
      const byMetric = (points: MetricValue[]) => Object.fromEntries(points.map((p) => [p.metric, p]));
      expect(byMetric(generationMetrics(seededGeneration(c.samples, c.seed), c.options))).toEqual(byMetric(stored[c.name]!));
    });
  }
});
