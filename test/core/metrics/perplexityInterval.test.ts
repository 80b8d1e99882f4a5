import { describe, expect, it } from "vitest";
import { perplexityInterval } from "../../../electron/core/metrics/perplexityInterval";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";

const pooled = (items: { tokens: number; sumLogprob: number }[]) =>
  Math.exp(-items.reduce((s, x) => s + x.sumLogprob, 0) / items.reduce((s, x) => s + x.tokens, 0));

describe("perplexity's bootstrap interval over the held-out pairs", () => {
  it("is the value itself when every pair has the same per-token log-probability", () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ tokens: 5 + i, sumLogprob: -(5 + i) * Math.log(7) }));
    const { low, high } = perplexityInterval(items, pooled(items), 200, 1);
    expect(low).toBeCloseTo(7, 10);
    expect(high).toBeCloseTo(7, 10);
  });

  it("holds the pooled value, narrows with more pairs, and is seeded", () => {
    const make = (n: number) => Array.from({ length: n }, (_, i) => ({ tokens: 8, sumLogprob: -8 * (1 + (i % 5) * 0.4) }));
    const few = make(20);
    const many = make(2000);
    const a = perplexityInterval(few, pooled(few), 500, 3);
    expect(a.low!).toBeLessThan(pooled(few));
    expect(a.high!).toBeGreaterThan(pooled(few));
    const b = perplexityInterval(many, pooled(many), 500, 3);
    expect(b.high! - b.low!).toBeLessThan((a.high! - a.low!) / 5);
    expect(perplexityInterval(few, pooled(few), 500, 3)).toEqual(a);
    expect(perplexityInterval(few, pooled(few), 500, 4)).not.toEqual(a);
  });

  it("no pairs or no resamples: no interval; generationMetrics uses it when the eval's pairs are given", () => {
    expect(perplexityInterval([], 3, 100, 1)).toEqual({ low: null, high: null });
    const items = Array.from({ length: 40 }, (_, i) => ({ tokens: 6, sumLogprob: -6 * (1 + (i % 3) * 0.5) }));
    const texts = { outputs: ["узел"], real: ["узел"], realPool: [] };
    const withItems = generationMetrics({ ...texts, perplexity: pooled(items), perplexityItems: items }, { bootstrap: 100 }).find(
      (p) => p.metric === "perplexity_real",
    )!;
    expect(withItems.low).not.toBeNull();
    expect(withItems.low!).toBeLessThan(withItems.value!);
    expect(generationMetrics({ ...texts, perplexity: pooled(items) }, { bootstrap: 100 }).find((p) => p.metric === "perplexity_real")).toMatchObject({
      low: null,
      high: null,
    });
    expect(
      generationMetrics({ ...texts, perplexity: pooled(items), perplexityItems: items }, { bootstrap: 0 }).find((p) => p.metric === "perplexity_real"),
    ).toMatchObject({ low: null, high: null });
  });
});
