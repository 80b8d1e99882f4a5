import type { Rng } from "../../../shared/random";

/**
 * Zipf-weighted choice: the first variant is the most common and the last ones are rare, so
 * every phrasing slot has a long tail whose loss across model generations can be measured.
 */
export function zipf<T>(rng: Rng, items: readonly T[], exponent = 1.2): T {
  let total = 0;
  for (let i = 0; i < items.length; i++) total += 1 / (i + 1) ** exponent;
  let r = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    r -= 1 / (i + 1) ** exponent;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

export function decimal(x: number, digits = 1): string {
  return x.toFixed(digits).replace(".", ",");
}
