/** The EU-TIRADS categories a conclusion is scored with, in the probes' order. */
export const PROBE_CATEGORIES: readonly number[] = [2, 3, 4, 5];

/** The physician's conclusion with its one named category replaced by `category`. */
export function withCategory(conclusion: string, category: number): string {
  return conclusion.replace(/EU-TIRADS \d\)/, `EU-TIRADS ${category})`);
}

/**
 * Which category a model prefers among PROBE_CATEGORIES, from the log-likelihoods of the same
 * conclusion with each in its place, and the probability it gives `category` among them.
 */
export function categoryChoice(logprobs: readonly number[], category: number): { best: number; probability: number } {
  const max = Math.max(...logprobs);
  const z = logprobs.reduce((s, x) => s + Math.exp(x - max), 0);
  return {
    best: PROBE_CATEGORIES[logprobs.indexOf(max)]!,
    probability: Math.exp(logprobs[PROBE_CATEGORIES.indexOf(category)]! - max) / z,
  };
}
