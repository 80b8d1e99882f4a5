import { describe, expect, it } from "vitest";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";
import { divergenceFloors } from "../../../electron/core/metrics/noiseFloor";
import type { MetricName, MetricValue } from "../../../electron/core/metrics/metricNames";
import { counts, distinctN, klDivergence, ngrams } from "../../../electron/core/metrics/basicMetrics";
import { wordTokens } from "../../../electron/shared/text/wordTokens";
import { createRng } from "../../../electron/shared/random";

const valueOf = (points: MetricValue[], metric: MetricName) => {
  const p = points.find((x) => x.metric === metric);
  if (!p) throw new Error(`no ${metric} point`);
  return p.value;
};

describe("generationMetrics, hand-computed", () => {
  // outputs "a b", "a b", "c"; real conclusions of the same prompts "a b", "b c", "d"; generation 1 wrote "a a"
  const points = generationMetrics(
    { outputs: ["a b", "a b", "c"], real: ["a b", "b c", "d"], m1: ["a a"], realPool: ["a b", "b c", "d"], perplexity: 7.5 },
    { bootstrap: 0, equalTokens: false },
  );
  const v = (m: MetricName) => valueOf(points, m);

  it("counts and lengths", () => {
    expect(v("samples")).toBe(3);
    expect(v("unique_outputs")).toBeCloseTo(2 / 3, 12); // {"a b", "c"} of 3
    expect(v("mean_length")).toBeCloseTo(5 / 3, 12); // (2 + 2 + 1) / 3
    expect(v("median_length")).toBe(2); // 1 2 2
    expect(v("perplexity_real")).toBe(7.5);
  });

  it("distinct-n and tail survival", () => {
    expect(v("distinct_1")).toBeCloseTo(0.6, 12); // {a b c} / 5 tokens
    expect(v("distinct_2")).toBeCloseTo(0.5, 12); // {"a b"} / 2 bigrams
    expect(v("distinct_3")).toBeNull(); // no text has 3 words
    // real counts a1 b2 c1 d1: all rare (≤ 2); a, b, c occur in the outputs → 3/4
    expect(v("tail_survival")).toBeCloseTo(0.75, 12);
  });

  it("divergences", () => {
    // P (real) a1 b2 c1 d1 → 1.5 2.5 1.5 1.5 (Σ7); Q a2 b2 c1 d0 → 2.5 2.5 1.5 .5 (Σ7)
    expect(v("kl_unigram_vs_real")).toBeCloseTo((1.5 / 7) * Math.log(1.5 / 2.5) + (1.5 / 7) * Math.log(1.5 / 0.5), 12);
    // bigrams: real "a b", "b c" → 1.5 1.5 (Σ3); outputs "a b" ×2 → 2.5 .5 (Σ3)
    expect(v("kl_bigram_vs_real")).toBeCloseTo(0.5 * Math.log(1.5 / 2.5) + 0.5 * Math.log(1.5 / 0.5), 12);
    // P .2 .4 .2 .2, Q .4 .4 .2 0, M .3 .4 .2 .1 → ½[.2 log2(2/3) + .2 log2 2] + ½[.4 log2(4/3)]
    expect(v("js_unigram_vs_real")).toBeCloseTo(0.5 * (0.2 * Math.log2(2 / 3) + 0.2) + 0.5 * 0.4 * Math.log2(4 / 3), 12);
    // M1 "a a": union {a b c} (d is in neither) → P 2.5 .5 .5 (Σ3.5), Q 2.5 2.5 1.5 (Σ6.5)
    const p = [2.5, 0.5, 0.5].map((x) => x / 3.5);
    const q = [2.5, 2.5, 1.5].map((x) => x / 6.5);
    expect(v("kl_unigram_vs_m1")).toBeCloseTo(
      p.reduce((s, pi, i) => s + pi * Math.log(pi / q[i]!), 0),
      12,
    );
  });

  it("self-BLEU-4: the mean sentence BLEU of the subsample (√.1, √.1, .1/e — see selfBleu.test.ts)", () => {
    expect(v("self_bleu4")).toBeCloseTo((2 * Math.sqrt(0.1) + 0.1 / Math.E) / 3, 12);
  });

  it("noise floors: the pure function's at the generation's size (half the pool where it is too small), with its spread over the splits", () => {
    const floors = divergenceFloors({ realPool: ["a b", "b c", "d"], sampleSize: 3, budgets: null }, { seeds: 10, seed: 1 });
    expect(floors.sampleTexts).toBe(1);
    expect(v("floor_sample_texts")).toBe(1);
    for (const m of ["kl_noise_floor", "kl_bigram_noise_floor", "js_noise_floor"] as const)
      expect(points.find((x) => x.metric === m)).toEqual({ metric: m, ...floors[m] });
    // no second sampling of generation 1: no floor vs M1
    expect(points.some((x) => x.metric === "kl_m1_noise_floor")).toBe(false);
  });
});

describe("generationMetrics, EU-TIRADS, hand-computed", () => {
  const points = generationMetrics(
    {
      outputs: ["EU-TIRADS 3", "EU-TIRADS 4", "узлов нет", "EU-TIRADS 5"],
      real: ["EU-TIRADS 3", "EU-TIRADS 3", "EU-TIRADS 4", "узлов нет"],
      descriptions: ["узел EU-TIRADS 3", "узел EU-TIRADS 3, второй EU-TIRADS 4", "узлов нет", "узел EU-TIRADS 4"],
      realPool: ["x"],
    },
    { bootstrap: 0, equalTokens: false },
  );
  const v = (m: MetricName) => valueOf(points, m);

  it("shares of no category and of the rare categories", () => {
    expect(v("tirads_missing")).toBeCloseTo(1 / 4, 12);
    expect(v("tirads_rare_4")).toBeCloseTo(1 / 4, 12);
    expect(v("tirads_rare_5")).toBeCloseTo(1 / 4, 12);
  });

  it("agreement with the description's highest category, over the described ones", () => {
    // descriptions' highest: 3, 4, none, 4; outputs 3, 4, —, 5 → 2 of 3
    expect(v("tirads_agreement")).toBeCloseTo(2 / 3, 12);
  });

  it("JS of the category distributions, no category as its own bin", () => {
    // real: none .25, 3 .5, 4 .25; outputs: none .25, 3 .25, 4 .25, 5 .25; M: .25 .375 .25 .125
    // ½[.5 log2(.5/.375)] + ½[.25 log2(.25/.375) + .25 log2(.25/.125)] = .103759 + .051880
    expect(v("tirads_js")).toBeCloseTo(0.5 * 0.5 * Math.log2(0.5 / 0.375) + 0.5 * (0.25 * Math.log2(0.25 / 0.375) + 0.25), 12);
  });

  it("no descriptions → no agreement; no m1 → no M1 point; no perplexity → no perplexity point", () => {
    const bare = generationMetrics({ outputs: ["EU-TIRADS 3"], real: ["EU-TIRADS 3"], realPool: [] }, { bootstrap: 0 });
    expect(valueOf(bare, "tirads_agreement")).toBeNull();
    expect(bare.some((p) => p.metric === "kl_unigram_vs_m1" || p.metric === "perplexity_real")).toBe(false);
  });
});

describe("generationMetrics, edge cases", () => {
  it("an empty generation has 0 samples and nothing else", () => {
    const points = generationMetrics({ outputs: [], real: [], m1: ["a"], realPool: ["a b", "c"] });
    expect(valueOf(points, "samples")).toBe(0);
    for (const p of points.filter((x) => x.metric !== "samples")) expect(p, p.metric).toMatchObject({ value: null, low: null, high: null });
  });

  it("one sample: an interval of width 0 at the value", () => {
    const points = generationMetrics({ outputs: ["a b c"], real: ["a b d"], realPool: ["a", "b"] }, { bootstrap: 100, equalTokens: false });
    const kl = points.find((p) => p.metric === "kl_unigram_vs_real")!;
    expect(kl.value).toBeGreaterThan(0);
    expect(kl.low).toBe(kl.value);
    expect(kl.high).toBe(kl.value);
  });

  it("the real data against itself: divergences 0, every rare word survives", () => {
    const real = ["узел EU-TIRADS 3", "два узла EU-TIRADS 4", "узлов нет", "узел EU-TIRADS 3 справа"];
    const points = generationMetrics({ outputs: real, real, realPool: real }, { bootstrap: 50 });
    for (const m of ["kl_unigram_vs_real", "kl_bigram_vs_real", "js_unigram_vs_real", "tirads_js"] as const) expect(valueOf(points, m), m).toBe(0);
    expect(valueOf(points, "tail_survival")).toBe(1);
  });

  it("disjoint vocabularies: JS = 1; KL of P a1.5 b1.5 x.5 y.5 vs the reverse = ½ ln 3; no rare word survives", () => {
    const points = generationMetrics({ outputs: ["x y"], real: ["a b"], realPool: [] }, { bootstrap: 0, equalTokens: false });
    expect(valueOf(points, "js_unigram_vs_real")).toBe(1);
    expect(valueOf(points, "kl_unigram_vs_real")).toBeCloseTo(0.5 * Math.log(3), 12);
    expect(valueOf(points, "tail_survival")).toBe(0);
  });

  it("refuses outputs without a real conclusion each", () => {
    expect(() => generationMetrics({ outputs: ["a", "b"], real: ["a"], realPool: [] })).toThrow(/2 outputs but 1 real conclusions/);
  });
});

describe("generationMetrics, properties over seeded random corpora", () => {
  const words = ["узел", "доля", "eu", "tirads", "3", "4", "5", "киста", "правой", "левой", "нет"];
  const corpus = (rng: ReturnType<typeof createRng>, n: number) =>
    Array.from({ length: n }, () => Array.from({ length: 1 + rng.int(7) }, () => rng.pick(words)).join(" "));

  it("bounds, intervals around the value, and agreement with the plain Map implementations", () => {
    const rng = createRng(2026);
    for (let trial = 0; trial < 25; trial++) {
      const n = 1 + rng.int(40);
      const outputs = corpus(rng, n);
      const real = corpus(rng, n);
      const points = generationMetrics(
        { outputs, real, descriptions: corpus(rng, n), m1: corpus(rng, 5), realPool: corpus(rng, 60) },
        { bootstrap: 200, seed: trial, equalTokens: false },
      );
      const v = (m: MetricName) => valueOf(points, m)!;
      for (const m of ["kl_unigram_vs_real", "kl_bigram_vs_real", "kl_unigram_vs_m1", "kl_noise_floor"] as const) expect(v(m)).toBeGreaterThanOrEqual(0);
      for (const m of ["js_unigram_vs_real", "tirads_js", "distinct_1", "unique_outputs", "self_bleu4", "tail_survival"] as const) {
        if (valueOf(points, m) === null) continue;
        expect(v(m), m).toBeGreaterThanOrEqual(0);
        expect(v(m), m).toBeLessThanOrEqual(1);
      }
      for (const p of points) {
        if (p.low === null || p.value === null) continue;
        expect(p.low, `${p.metric} low, trial ${trial}`).toBeLessThanOrEqual(p.value + 1e-12);
        expect(p.high, `${p.metric} high, trial ${trial}`).toBeGreaterThanOrEqual(p.value - 1e-12);
      }
      const gen = outputs.map(wordTokens);
      const ref = real.map(wordTokens);
      expect(v("kl_unigram_vs_real")).toBeCloseTo(klDivergence(counts(ref.flat()), counts(gen.flat()))!, 10);
      expect(v("kl_bigram_vs_real") ?? null).toBeCloseTo(klDivergence(counts(ref.flatMap((t) => ngrams(t, 2))), counts(gen.flatMap((t) => ngrams(t, 2))))!, 10);
      for (const k of [1, 2, 3]) expect(valueOf(points, `distinct_${k}` as MetricName)).toBe(distinctN(gen, k));
    }
  });

  it("the same seed gives the same intervals; another seed other intervals", () => {
    const rng = createRng(5);
    const input = { outputs: corpus(rng, 60), real: corpus(rng, 60), realPool: corpus(rng, 200) };
    const a = generationMetrics(input, { seed: 1, bootstrap: 300 });
    expect(generationMetrics(input, { seed: 1, bootstrap: 300 })).toEqual(a);
    const b = generationMetrics(input, { seed: 2, bootstrap: 300 });
    // only the floors' splits and the token-budget subsamples of the divergences depend on the seed
    const values = (x: MetricValue[]) => x.filter((p) => !/noise_floor|^kl_|^js_/.test(p.metric)).map((p) => p.value);
    expect(values(b)).toEqual(values(a));
    expect(b.find((p) => p.metric === "kl_unigram_vs_real")!.high).not.toBe(a.find((p) => p.metric === "kl_unigram_vs_real")!.high);
  });
});
