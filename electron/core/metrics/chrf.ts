/** Character n-gram orders of chrF (Popović 2015; sacreBLEU's default): 1..6, recall weighted β = 2. */
const MAX_ORDER = 6;
const BETA2 = 4;

function charNgrams(chars: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const g = chars.slice(i, i + n).join("");
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/**
 * Sentence chrF of a hypothesis against one reference, 0..100 (docs/metrics.md): whitespace is
 * removed; for each order n = 1..6 at which both texts have an n-gram, F_β(n) = (1+β²)·P·R / (β²·P + R)
 * over clipped n-gram matches (0 when nothing matches); chrF is 100 × the mean of those F_β(n).
 * An empty hypothesis or reference scores 0.
 */
export function chrf(hypothesis: string, reference: string): number {
  const hyp = [...hypothesis.replace(/\s+/gu, "")];
  const ref = [...reference.replace(/\s+/gu, "")];
  if (hyp.length === 0 || ref.length === 0) return 0;
  let sum = 0;
  let orders = 0;
  for (let n = 1; n <= MAX_ORDER; n++) {
    if (hyp.length < n || ref.length < n) break;
    const h = charNgrams(hyp, n);
    const r = charNgrams(ref, n);
    let match = 0;
    for (const [g, c] of h) match += Math.min(c, r.get(g) ?? 0);
    const p = match / (hyp.length - n + 1);
    const rec = match / (ref.length - n + 1);
    sum += p + rec > 0 ? ((1 + BETA2) * p * rec) / (BETA2 * p + rec) : 0;
    orders++;
  }
  return (100 * sum) / orders;
}
