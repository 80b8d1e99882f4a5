import { describe, expect, it } from "vitest";
import { BLEU_EPSILON, selfBleuScores } from "../../../electron/core/metrics/selfBleu";

const split = (s: string) => (s ? s.split(" ") : []);

describe("selfBleuScores", () => {
  it("scores each sentence against all the others (hand-computed)", () => {
    // s0 = s1 = "a b", s2 = "c".
    // s0: p1 = 2/2, p2 = 1/1, no 3- or 4-grams → ε/1 each; r = 2 = c → BP 1; BLEU = (1·1·.1·.1)^¼ = √.1
    // s2: p1 = 0 → ε/1, p2..p4 → ε/1; BLEU = .1; r = 2 > c = 1 → BP = e^(1−2) → .1/e
    const [s0, s1, s2] = selfBleuScores(["a b", "a b", "c"].map(split));
    expect(s0).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(s1).toBeCloseTo(Math.sqrt(0.1), 12);
    expect(s2).toBeCloseTo(0.1 * Math.exp(-1), 12);
  });

  it("clips a hypothesis n-gram to its largest count in one reference, never its own", () => {
    // h = "x x x x" against "x x" and "y": p1 = min(4, 2)/4 = .5; bigram "x x": h has 3, ref max 1 → 1/3;
    // trigram "x x x": 0 of 2 → ε/2; 4-gram: 0 of 1 → ε/1. c = 4 > r = 2 → BP 1.
    const [h] = selfBleuScores(["x x x x", "x x", "y"].map(split));
    expect(h).toBeCloseTo(Math.pow(0.5 * (1 / 3) * (BLEU_EPSILON / 2) * BLEU_EPSILON, 0.25), 12);
  });

  it("is 1 for a sentence of 4+ words repeated, 0 for an empty one, null without references", () => {
    const scores = selfBleuScores(["a b c d e", "a b c d e", ""].map(split));
    expect(scores[0]).toBeCloseTo(1, 12);
    expect(scores[2]).toBe(0);
    expect(selfBleuScores([["a", "b"]])).toEqual([null]);
  });

  it("takes the closest reference length, the shorter on a tie", () => {
    // h = "a b c" (c = 3) against lengths 2 and 4 (both 1 away) → r = 2 → BP 1 (c > r); unigrams a b c all in "a b c d"
    const withTie = selfBleuScores(["a b c", "a b", "a b c d"].map(split))[0]!;
    // p1 = 3/3, p2 = 2/2, p3 = 1/1, p4: none in h → ε
    expect(withTie).toBeCloseTo(Math.pow(BLEU_EPSILON, 0.25), 12);
  });
});
