import { maxEuCategory } from "../data/tirads";
import type { BaselineDesign } from "../../shared/domain/clinicalPanel";

/** The most frequent item; a tie goes to the one that reached the count first. */
function mode<T>(items: Iterable<T>): T | null {
  const counts = new Map<T, number>();
  let best: T | null = null;
  let bestCount = 0;
  for (const x of items) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > bestCount) [best, bestCount] = [x, c];
  }
  return best;
}

/**
 * What each trivial baseline answers to each held-out description (docs/metrics.md): the train
 * split's most frequent conclusion; "EU-TIRADS m." with m the train split's most frequent highest
 * category among conclusions naming one; "EU-TIRADS k." with k the description's highest category
 * (nothing where it has none).
 */
export function baselineOutputs(trainConclusions: readonly string[], descriptions: readonly string[]): Record<BaselineDesign, string[]> {
  const frequent = mode(trainConclusions.map((c) => c.trim())) ?? "";
  const category = mode(trainConclusions.map(maxEuCategory).filter((c): c is number => c !== null));
  const label = (k: number | null) => (k === null ? "" : `EU-TIRADS ${k}.`);
  return {
    "baseline-frequent": descriptions.map(() => frequent),
    "baseline-category": descriptions.map(() => label(category)),
    "baseline-rule": descriptions.map((d) => label(maxEuCategory(d))),
  };
}
