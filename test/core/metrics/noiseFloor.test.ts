import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { noiseFloor, noiseFloorOf } from "../../../electron/core/metrics/noiseFloor";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { insertExperiment } from "../../../electron/core/db/queries/experiments";
import { upsertMetricPoints } from "../../../electron/core/db/queries/metricPoints";
import { generateCorpus } from "../../../electron/core/data/synth/generateCorpus";

describe("noiseFloor", () => {
  it("two one-text halves of {a, b}: every split gives P a1.5 b.5 vs Q a.5 b1.5 → .75 ln3 − .25 ln3 = ½ ln 3", () => {
    const f = noiseFloor(["a", "b"], 1, { seeds: 10, seed: 3 });
    expect(f.value).toBeCloseTo(0.5 * Math.log(3), 12);
    expect(f.low).toBeCloseTo(f.value!, 12);
    expect(f.high).toBeCloseTo(f.value!, 12);
  });

  it("caps each half at half the pool and is 0 for a pool of identical texts", () => {
    expect(noiseFloor(["a", "b", "c"], 100, { seeds: 3, seed: 1 }).halfSize).toBe(1);
    expect(noiseFloor(Array(8).fill("узел справа"), 4, { seeds: 5, seed: 1 }).value).toBe(0);
    expect(noiseFloor(["a"], 1, { seeds: 5, seed: 1 }).value).toBeNull();
  });

  it("falls with the sample size, and is seeded", () => {
    const real = generateCorpus({ records: 2000, seed: 11 }).map((r) => r.conclusion);
    const small = noiseFloor(real, 20, { seeds: 10, seed: 1 });
    const large = noiseFloor(real, 1000, { seeds: 10, seed: 1 });
    expect(large.value!).toBeLessThan(small.value! / 4);
    expect(small.low!).toBeLessThanOrEqual(small.value!);
    expect(small.high!).toBeGreaterThanOrEqual(small.value!);
    expect(noiseFloor(real, 20, { seeds: 10, seed: 1 })).toEqual(small);
    expect(noiseFloor(real, 20, { seeds: 10, seed: 2 }).value).not.toBe(small.value);
  });
});

describe("noiseFloorOf", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the stored floors of generations ≥ 1 and applies their mean to the unigram KLs", () => {
    dir = mkdtempSync(join(tmpdir(), "noise-floor-"));
    const db = openDatabase(join(dir, "w.sqlite"));
    const id = insertExperiment(db, { name: "s", specJson: "{}", specSource: "", versionsJson: "{}" });
    const point = (generation_index: number, metric: string, value: number | null) => ({ experiment_id: id, generation_id: null, design: "recursive", model: "tiny", generation_index, seed: 1, metric, value, low: null, high: null });
    expect(noiseFloorOf(db, { experimentId: id })).toEqual({});
    upsertMetricPoints(db, [point(0, "kl_noise_floor", 0.001), point(1, "kl_noise_floor", 0.02), point(2, "kl_noise_floor", 0.04), point(2, "kl_unigram_vs_real", 0.5), point(3, "kl_noise_floor", null)]);
    // generation 0 (the whole real set's size) and the null are left out: (0.02 + 0.04) / 2
    expect(noiseFloorOf(db, { experimentId: id })).toEqual({ kl_unigram_vs_real: 0.03, kl_unigram_vs_m1: 0.03 });
    db.close();
  });
});
