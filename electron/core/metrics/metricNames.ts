/** The stable ids of the metric points (docs/metrics.md), with the range each value lies in. */
const SHARE: readonly [number, number] = [0, 1];
const NON_NEGATIVE: readonly [number, number] = [0, Infinity];

export const METRIC_RANGES = {
  samples: NON_NEGATIVE,
  unique_outputs: SHARE,
  mean_length: NON_NEGATIVE,
  median_length: NON_NEGATIVE,
  distinct_1: SHARE,
  distinct_2: SHARE,
  distinct_3: SHARE,
  tail_survival: SHARE,
  self_bleu4: SHARE,
  kl_unigram_vs_real: NON_NEGATIVE,
  kl_bigram_vs_real: NON_NEGATIVE,
  kl_unigram_vs_m1: NON_NEGATIVE,
  js_unigram_vs_real: SHARE,
  kl_noise_floor: NON_NEGATIVE,
  kl_bigram_noise_floor: NON_NEGATIVE,
  js_noise_floor: SHARE,
  kl_m1_noise_floor: NON_NEGATIVE,
  /** texts in each of the two real samples of the floors vs real: below `samples` where the real pool is too small */
  floor_sample_texts: NON_NEGATIVE,
  /** the unigram budget the divergences were computed at (tokenBudget.ts) */
  token_budget: NON_NEGATIVE,
  tirads_js: SHARE,
  tirads_agreement: SHARE,
  tirads_missing: SHARE,
  tirads_rare_4: SHARE,
  tirads_rare_5: SHARE,
  perplexity_real: [1, Infinity],
  // the clinical-correctness panel (clinicalPanel.ts)
  category_consistency: SHARE,
  false_reassurance: SHARE,
  over_call: SHARE,
  category_presence: SHARE,
  side_consistency: SHARE,
  nodule_count_consistency: SHARE,
  chrf: [0, 100],
  well_formed: SHARE,
  cut_share: SHARE,
  /** the generation's training pairs and optimiser steps (compute: plain accumulate's grow with k) */
  train_pairs: NON_NEGATIVE,
  train_steps: NON_NEGATIVE,
  /** the seed of the generation's resampling and token-budget subsamples: with samples.jsonl, what recomputes its metrics outside the product */
  metrics_seed: NON_NEGATIVE,
} as const satisfies Record<string, readonly [number, number]>;

export type MetricName = keyof typeof METRIC_RANGES;

/** One stored metric point of a generation: the value and its 95% bootstrap interval (null where not defined). */
export type MetricValue = { metric: MetricName; value: number | null; low: number | null; high: number | null };
