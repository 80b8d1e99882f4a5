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
 * The stored values are of the plain definitions (equalTokens: false); the floors added since
 * (bigram KL, JS, vs M1) and the token budget are not in the file.
 */
const stored = JSON.parse(readFileSync(new URL("./fixtures/seededGenerationMetrics.json", import.meta.url), "utf8")) as Record<string, MetricValue[]>;

describe("generationMetrics on seeded generations", () => {
  for (const c of SEEDED_CASES) {
    it(`${c.name}: the stored values and intervals, exactly`, () => {
      const byMetric = (points: MetricValue[]) => Object.fromEntries(points.map((p) => [p.metric, p]));
      const now = byMetric(generationMetrics(seededGeneration(c.samples, c.seed), { ...c.options, equalTokens: false }));
      const then = byMetric(stored[c.name]!);
      expect(Object.fromEntries(Object.keys(then).map((m) => [m, now[m]]))).toEqual(then);
    });
  }
});
