import { createRng, shuffled } from "../../../shared/random";
import type { SplitName } from "../../../shared/domain/records";

export type SplitRatios = { train: number; val: number; test: number };
export const DEFAULT_RATIOS: SplitRatios = { train: 0.7, val: 0.15, test: 0.15 };
const PARTS: SplitName[] = ["train", "val", "test"];

/** Largest-remainder allocation of n items to the parts, so counts sum to n exactly. */
export function allocate(n: number, ratios: SplitRatios): Record<SplitName, number> {
  const total = ratios.train + ratios.val + ratios.test;
  const exact = PARTS.map((p) => (n * ratios[p]) / total);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return { train: counts[0]!, val: counts[1]!, test: counts[2]! };
}

/**
 * Seeded split stratified by a key (the record's highest EU-TIRADS category, or none).
 * Items are ordered by a stable key (the record's content hash) before shuffling, so the split
 * depends only on the records' content and the seed — not on row ids or database order.
 */
export function stratifiedSplit<K extends string | number | null>(
  items: readonly { id: number; sortKey: string; stratum: K }[],
  seed: number,
  ratios: SplitRatios = DEFAULT_RATIOS,
): Map<number, SplitName> {
  for (const p of PARTS) {
    if (!(ratios[p] >= 0) || !Number.isFinite(ratios[p])) throw new Error(`split ratio ${p} must be a non-negative number`);
  }
  if (ratios.train + ratios.val + ratios.test <= 0) throw new Error("split ratios must not all be zero");
  const strata = new Map<string, { id: number; sortKey: string }[]>();
  for (const item of items) {
    const key = String(item.stratum);
    const list = strata.get(key) ?? [];
    list.push(item);
    strata.set(key, list);
  }
  const root = createRng(seed);
  const out = new Map<number, SplitName>();
  for (const key of [...strata.keys()].sort()) {
    const ids = strata
      .get(key)!
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id - b.id))
      .map((item) => item.id);
    const order = shuffled(ids, root.fork(`stratum:${key}`));
    const counts = allocate(order.length, ratios);
    let i = 0;
    for (const part of PARTS) for (let k = 0; k < counts[part]; k++) out.set(order[i++]!, part);
  }
  return out;
}
