import { klOfCounts } from "./divergence";

// The plain string forms of the definitions in docs/metrics.md. generationMetrics computes the same
// on interned ids (PreparedGeneration, for speed); the tests hold the two equal.

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
 * KL(P_ref ‖ Q) in nats over word (n-gram) counts, both smoothed by +0.5 on the union vocabulary
 * (docs/metrics.md); null when either side is empty.
 */
export function klDivergence(reference: Map<string, number>, other: Map<string, number>, pseudo = 0.5): number | null {
  const vocab = [...new Set([...reference.keys(), ...other.keys()])];
  return klOfCounts(
    vocab.map((w) => reference.get(w) ?? 0),
    vocab.map((w) => other.get(w) ?? 0),
    pseudo,
  );
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
