/**
 * Divergences of two count vectors aligned on one vocabulary (index i is the same word or n-gram
 * on both sides). An index where both counts are 0 is outside the union vocabulary and ignored,
 * so a dense vector over a larger vocabulary gives the same value as the exact union.
 * Both return null when either side has no tokens: a divergence from nothing is undefined.
 */

/** KL(P ‖ Q) = Σ p ln(p/q) in nats, both smoothed by adding `pseudo` to every union-vocabulary count. */
export function klOfCounts(p: ArrayLike<number>, q: ArrayLike<number>, pseudo = 0.5): number | null {
  let rawP = 0;
  let rawQ = 0;
  let union = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (a === 0 && b === 0) continue;
    rawP += a;
    rawQ += b;
    union++;
  }
  if (rawP === 0 || rawQ === 0) return null;
  const totalP = rawP + pseudo * union;
  const totalQ = rawQ + pseudo * union;
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]!;
    const b = q[i]!;
    if (a === 0 && b === 0) continue;
    const pi = (a + pseudo) / totalP;
    kl += pi * Math.log(pi / ((b + pseudo) / totalQ));
  }
  // rounding can leave -1e-17 for identical distributions
  return Math.max(0, kl);
}

/** Jensen–Shannon divergence in bits (base 2), unsmoothed: ½KL(P‖M) + ½KL(Q‖M), M = (P+Q)/2; in [0, 1]. */
export function jsOfCounts(p: ArrayLike<number>, q: ArrayLike<number>): number | null {
  let totalP = 0;
  let totalQ = 0;
  for (let i = 0; i < p.length; i++) {
    totalP += p[i]!;
    totalQ += q[i]!;
  }
  if (totalP === 0 || totalQ === 0) return null;
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i]! / totalP;
    const b = q[i]! / totalQ;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return Math.min(1, Math.max(0, js));
}
