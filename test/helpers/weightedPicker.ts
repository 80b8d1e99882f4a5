import type { Rng } from "../../electron/shared/random";

/**
 * rng.weighted over a list fixed for a whole simulation, with the cumulative weights summed once:
 * the same item for the same rng.next() (one draw per pick, as rng.weighted takes), found by a
 * binary search instead of two passes over the list. The simulations draw millions of words from
 * hundreds of weights; rng.weighted's passes were most of their time.
 */
export function weightedPicker<T>(items: readonly (readonly [T, number])[]): (rng: Rng) => T {
  if (items.length === 0) throw new Error("weightedPicker needs at least one item");
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach(([, w], i) => (cumulative[i] = total += w));
  if (!(total > 0)) throw new Error("weighted pick needs a positive total weight");
  return (rng) => {
    const r = rng.next() * total;
    // the first item whose cumulative weight exceeds r (rng.weighted: the first at which r minus the weights so far drops below 0)
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (r < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]![0];
  };
}
