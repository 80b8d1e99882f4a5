import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { divergenceFloors, noiseFloorOf } from "../../../electron/core/metrics/noiseFloor";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { insertExperiment } from "../../../electron/core/db/queries/experiments";
import { upsertMetricPoints } from "../../../electron/core/db/queries/metricPoints";
import { generateCorpus } from "../../../electron/core/data/synth/generateCorpus";

const raw = (realPool: string[], sampleSize: number, extra: { m1?: string[]; m1Again?: string[] } = {}, seed = 3) =>
  divergenceFloors({ realPool, sampleSize, budgets: null, ...extra }, { seeds: 10, seed });

describe("divergenceFloors", () => {
  it("two one-text samples of {a, b}: every split gives P a1.5 b.5 vs Q a.5 b1.5 → .75 ln3 − .25 ln3 = ½ ln 3; JS of disjoint words = 1", () => {
    const f = raw(["a", "b"], 1);
    expect(f.kl_noise_floor.value).toBeCloseTo(0.5 * Math.log(3), 12);
    expect(f.kl_noise_floor.low).toBeCloseTo(f.kl_noise_floor.value!, 12);
    expect(f.kl_noise_floor.high).toBeCloseTo(f.kl_noise_floor.value!, 12);
    expect(f.js_noise_floor.value).toBe(1);
    // no text has two words: no bigram floor
    expect(f.kl_bigram_noise_floor.value).toBeNull();
  });

  it("takes the generation's size from a large pool, half the pool where it is too small; 0 for identical texts", () => {
    expect(raw(["a", "b", "c"], 100).sampleTexts).toBe(1);
    expect(
      raw(
        Array.from({ length: 50 }, (_, i) => `w${i}`),
        10,
      ).sampleTexts,
    ).toBe(10);
    const same = raw(Array(8).fill("узел справа"), 4);
    expect(same.kl_noise_floor.value).toBe(0);
    expect(same.kl_bigram_noise_floor.value).toBe(0);
    expect(raw(["a"], 1).kl_noise_floor.value).toBeNull();
  });

  it("vs M1: generation 1 against its second sampling, on the same prompts", () => {
    expect(raw(["a"], 1).kl_m1_noise_floor).toBeNull();
    expect(raw(["a"], 1, { m1: ["a b", "c"], m1Again: ["c", "a b"] }).kl_m1_noise_floor!.value).toBe(0);
    // "a a" vs "a b": union {a b} → P 2.5 .5 (Σ3), Q 1.5 1.5 (Σ3)
    const p = [2.5 / 3, 0.5 / 3];
    expect(raw(["a"], 1, { m1: ["a a"], m1Again: ["a b"] }).kl_m1_noise_floor!.value).toBeCloseTo(
      p[0]! * Math.log(p[0]! / 0.5) + p[1]! * Math.log(p[1]! / 0.5),
      12,
    );
  });

  it("falls with the sample size, is seeded, and at a token budget matches the floor of that many tokens", () => {
    const real = generateCorpus({ records: 4000, seed: 11 }).map((r) => r.conclusion);
    const small = raw(real, 20, {}, 1);
    const large = raw(real, 1000, {}, 1);
    expect(large.kl_noise_floor.value!).toBeLessThan(small.kl_noise_floor.value! / 4);
    expect(large.kl_bigram_noise_floor.value!).toBeLessThan(small.kl_bigram_noise_floor.value!);
    expect(small.kl_noise_floor.low!).toBeLessThanOrEqual(small.kl_noise_floor.value!);
    expect(small.kl_noise_floor.high!).toBeGreaterThanOrEqual(small.kl_noise_floor.value!);
    expect(raw(real, 20, {}, 1)).toEqual(small);
    expect(raw(real, 20, {}, 2).kl_noise_floor.value).not.toBe(small.kl_noise_floor.value);
    // 400 texts thinned to the tokens of 100 texts: about the floor of 100 texts
    const tokensOf100 = real.slice(0, 100).join(" ").split(/\s+/).length;
    const budgeted = divergenceFloors({ realPool: real, sampleSize: 400, budgets: { 1: tokensOf100, 2: tokensOf100 } }, { seeds: 10, seed: 1 });
    const at100 = raw(real, 100, {}, 1);
    expect(budgeted.kl_noise_floor.value! / at100.kl_noise_floor.value!).toBeGreaterThan(0.7);
    expect(budgeted.kl_noise_floor.value! / at100.kl_noise_floor.value!).toBeLessThan(1.4);
  });
});

describe("noiseFloorOf", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the stored floors of generations ≥ 1, each divergence its own", () => {
    dir = mkdtempSync(join(tmpdir(), "noise-floor-"));
    const db = openDatabase(join(dir, "w.sqlite"));
    const id = insertExperiment(db, { name: "s", specJson: "{}", specSource: "", versionsJson: "{}" });
    const point = (generation_index: number, metric: string, value: number | null) => ({
      experiment_id: id,
      generation_id: null,
      design: "recursive",
      model: "tiny",
      generation_index,
      seed: 1,
      metric,
      value,
      low: null,
      high: null,
    });
    expect(noiseFloorOf(db, { experimentId: id })).toEqual({});
    upsertMetricPoints(db, [
      point(0, "kl_noise_floor", 0.001),
      point(1, "kl_noise_floor", 0.02),
      point(2, "kl_noise_floor", 0.04),
      point(2, "kl_unigram_vs_real", 0.5),
      point(3, "kl_noise_floor", null),
    ]);
    // generation 0 (the whole real set's size) and the null are left out: (0.02 + 0.04) / 2
    expect(noiseFloorOf(db, { experimentId: id })).toEqual({ kl_unigram_vs_real: 0.03 });
    upsertMetricPoints(db, [point(1, "kl_m1_noise_floor", 0.01), point(2, "js_noise_floor", 0.002)]);
    expect(noiseFloorOf(db, { experimentId: id })).toEqual({ kl_unigram_vs_real: 0.03, kl_unigram_vs_m1: 0.01, js_unigram_vs_real: 0.002 });
    db.close();
  });
});
