import { counts, ngrams } from "./basicMetrics";

/** Chen & Cherry (2014) smoothing 1: a zero n-gram match count becomes this, so one missing order does not zero the score. */
export const BLEU_EPSILON = 0.1;
const ORDERS = [1, 2, 3, 4] as const;

/** The largest and second-largest count of an n-gram over the sentences, and who holds the largest. */
type MaxCounts = { top: number; holder: number; second: number };

/**
 * Sentence BLEU-4 of every sentence against all the other sentences as references: uniform
 * weights ¼, clipped n-gram precisions p_n = Σ min(c_hyp, max_ref c_ref) / Σ c_hyp, a zero numerator
 * replaced by ε = 0.1 (denominator at least 1), brevity penalty exp(1 − r/c) when c ≤ r with r the
 * closest reference length (the shorter on a tie). An empty sentence scores 0; fewer than two
 * sentences have no references, so every score is null.
 */
export function selfBleuScores(tokenized: readonly (readonly string[])[]): (number | null)[] {
  if (tokenized.length < 2) return tokenized.map(() => null);
  const grams = ORDERS.map((n) => tokenized.map((t) => counts(ngrams(t, n))));
  const maxima = grams.map((perSentence) => {
    const m = new Map<string, MaxCounts>();
    perSentence.forEach((c, s) => {
      for (const [g, k] of c) {
        const e = m.get(g);
        if (!e) m.set(g, { top: k, holder: s, second: 0 });
        else if (k > e.top) Object.assign(e, { second: e.top, top: k, holder: s });
        else if (k > e.second) e.second = k;
      }
    });
    return m;
  });
  const lengths = tokenized.map((t) => t.length);
  return tokenized.map((tokens, s) => {
    const c = tokens.length;
    if (c === 0) return 0;
    let logSum = 0;
    ORDERS.forEach((_, o) => {
      let matched = 0;
      let all = 0;
      for (const [g, k] of grams[o]![s]!) {
        const e = maxima[o]!.get(g)!;
        matched += Math.min(k, e.holder === s ? e.second : e.top);
        all += k;
      }
      logSum += Math.log((matched || BLEU_EPSILON) / Math.max(all, 1)) / ORDERS.length;
    });
    const r = closestReferenceLength(lengths, s);
    const brevity = c > r ? 1 : Math.exp(1 - r / c);
    return brevity * Math.exp(logSum);
  });
}

function closestReferenceLength(lengths: readonly number[], self: number): number {
  const c = lengths[self]!;
  let best = -1;
  lengths.forEach((len, i) => {
    if (i === self) return;
    const d = Math.abs(len - c);
    const bd = Math.abs(best - c);
    if (best < 0 || d < bd || (d === bd && len < best)) best = len;
  });
  return best;
}
