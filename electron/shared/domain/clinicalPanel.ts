/**
 * The clinical-correctness panel's metric ids (docs/metrics.md, "Clinical-correctness panel"),
 * which prompts a metric was read on, and the reference rows stored beside the generations.
 */
export const PANEL_METRICS = [
  "category_consistency",
  "false_reassurance",
  "over_call",
  "category_presence",
  "side_consistency",
  "nodule_count_consistency",
  "chrf",
  "well_formed",
  "cut_share",
] as const;
export type PanelMetric = (typeof PANEL_METRICS)[number];

/**
 * A metric read on the held-out prompts (test split, which no generation trains on) is stored
 * under its id with this suffix ("chrf@heldout"); the bare id is the training prompts' reading.
 */
export const HELDOUT_SUFFIX = "@heldout";
export type PromptSet = "train" | "heldout";

export const heldoutMetric = (metric: string): string => `${metric}${HELDOUT_SUFFIX}`;
export const promptSetOf = (metric: string): PromptSet => (metric.endsWith(HELDOUT_SUFFIX) ? "heldout" : "train");
export const baseMetricOf = (metric: string): string => (metric.endsWith(HELDOUT_SUFFIX) ? metric.slice(0, -HELDOUT_SUFFIX.length) : metric);

/**
 * The trivial baselines, stored as designs at generation 0 on the held-out prompts (the physicians'
 * own row is the "real" design there): the train split's most frequent conclusion for every prompt;
 * the train split's most frequent EU-TIRADS category for every prompt; the rule "the highest
 * category of the description".
 */
export const BASELINE_DESIGNS = ["baseline-frequent", "baseline-category", "baseline-rule"] as const;
export type BaselineDesign = (typeof BASELINE_DESIGNS)[number];
export const isBaselineDesign = (design: string): design is BaselineDesign => (BASELINE_DESIGNS as readonly string[]).includes(design);
