import { forEachResample, percentileInterval, type Interval } from "./bootstrap";
import { METRIC_RANGES } from "./metricNames";

/** One held-out pair's answer under the model: its tokens and their summed log-probability (nats). */
export type EvalItem = { tokens: number; sumLogprob: number };

/**
 * The 95% bootstrap interval of perplexity = exp(−Σ log p / Σ tokens) over the held-out pairs:
 * each resample draws the pairs with replacement and pools their tokens, as the point estimate does.
 */
export function perplexityInterval(items: readonly EvalItem[], value: number, resamples: number, seed: number): Interval {
  if (items.length === 0 || resamples <= 0) return { low: null, high: null };
  const replicates: number[] = [];
  forEachResample(items.length, resamples, seed, (weights) => {
    let tokens = 0;
    let logprob = 0;
    for (let i = 0; i < items.length; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      tokens += w * items[i]!.tokens;
      logprob += w * items[i]!.sumLogprob;
    }
    if (tokens > 0) replicates.push(Math.exp(-logprob / tokens));
  });
  return percentileInterval(replicates, value, METRIC_RANGES.perplexity_real);
}
