import { wordTokens } from "../../shared/text/wordTokens";

/** Word n-grams of a text (n ≥ 1), joined by a space. */
export function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(" "));
  return out;
}

export function counts(items: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/**
 * KL(P_ref ‖ Q) = Σ_w p(w) ln(p(w)/q(w)) in nats, both distributions smoothed by adding 0.5 to the
 * count of every type of the union vocabulary (docs/metrics.md). null when either side is empty.
 */
export function klDivergence(reference: Map<string, number>, other: Map<string, number>, pseudo = 0.5): number | null {
  const vocab = new Set([...reference.keys(), ...other.keys()]);
  if (vocab.size === 0) return null;
  let totalP = 0;
  let totalQ = 0;
  for (const w of vocab) {
    totalP += (reference.get(w) ?? 0) + pseudo;
    totalQ += (other.get(w) ?? 0) + pseudo;
  }
  let kl = 0;
  for (const w of vocab) {
    const p = ((reference.get(w) ?? 0) + pseudo) / totalP;
    const q = ((other.get(w) ?? 0) + pseudo) / totalQ;
    kl += p * Math.log(p / q);
  }
  return Math.max(0, kl);
}

/** distinct-n: distinct word n-grams / all word n-grams over the texts; null without any n-gram. */
export function distinctN(tokenized: readonly (readonly string[])[], n: number): number | null {
  let all = 0;
  const seen = new Set<string>();
  for (const t of tokenized) {
    for (const g of ngrams(t, n)) {
      all++;
      seen.add(g);
    }
  }
  return all ? seen.size / all : null;
}

export type BasicMetric = { metric: string; value: number | null };

/**
 * The metrics of one generation that need nothing but the texts: generated outputs against the
 * real answers to the same prompts (and generation 1's outputs, the paper's "M1 → Mk").
 */
export function basicGenerationMetrics(args: { outputs: readonly string[]; real: readonly string[]; m1?: readonly string[] | null }): BasicMetric[] {
  const tok = args.outputs.map(wordTokens);
  const realTok = args.real.map(wordTokens);
  const unigrams = counts(tok.flat());
  const lengths = tok.map((t) => t.length);
  const out: BasicMetric[] = [
    { metric: "samples", value: args.outputs.length },
    { metric: "unique_outputs", value: args.outputs.length ? new Set(args.outputs.map((o) => o.trim())).size / args.outputs.length : null },
    { metric: "mean_length", value: lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : null },
    { metric: "distinct_1", value: distinctN(tok, 1) },
    { metric: "distinct_2", value: distinctN(tok, 2) },
    { metric: "distinct_3", value: distinctN(tok, 3) },
    { metric: "kl_unigram_vs_real", value: args.outputs.length ? klDivergence(counts(realTok.flat()), unigrams) : null },
    { metric: "kl_bigram_vs_real", value: args.outputs.length ? klDivergence(counts(realTok.flatMap((t) => ngrams(t, 2))), counts(tok.flatMap((t) => ngrams(t, 2)))) : null },
  ];
  if (args.m1) out.push({ metric: "kl_unigram_vs_m1", value: args.outputs.length ? klDivergence(counts(args.m1.flatMap(wordTokens)), unigrams) : null });
  return out;
}
