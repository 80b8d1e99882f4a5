import type { Db } from "../db/openDatabase";
import { listMetricPoints, toMetricPoint } from "../db/queries/metricPoints";
import { noiseFloors } from "../../shared/charts/noiseFloors";
import { createRng, shuffled } from "../../shared/random";
import { weightedRowSum } from "./countMatrix";
import { NgramSpace } from "./NgramSpace";
import { rowWeights, textRows } from "./textRows";
import { klOfCounts } from "./divergence";
import { quantile } from "./bootstrap";

export type NoiseFloor = { value: number | null; low: number | null; high: number | null; halfSize: number };

/**
 * The unigram KL (same definition and smoothing as kl_unigram_vs_real) between two disjoint
 * random halves of the real texts, each of `sampleSize` texts (at most half the pool), averaged
 * over `seeds` seeded splits: what KL two samples of one distribution already show at this size.
 * low/high: the 2.5th and 97.5th percentiles over the splits. Null with fewer than 2 texts.
 */
export function noiseFloor(realTexts: readonly string[], sampleSize: number, options: { seeds: number; seed: number; space?: NgramSpace }): NoiseFloor {
  const halfSize = Math.min(sampleSize, Math.floor(realTexts.length / 2));
  if (halfSize < 1 || options.seeds < 1) return { value: null, low: null, high: null, halfSize };
  const space = options.space ?? new NgramSpace();
  const rows = textRows(realTexts, space, [1]);
  const a = new Int32Array(space.width(1));
  const b = new Int32Array(space.width(1));
  const rowsA = new Int32Array(rows.rows);
  const rowsB = new Int32Array(rows.rows);
  const weightsA = new Int32Array(realTexts.length);
  const weightsB = new Int32Array(realTexts.length);
  const values: number[] = [];
  for (let s = 0; s < options.seeds; s++) {
    const order = shuffled([...realTexts.keys()], createRng(options.seed).fork(`noise-floor:${s}`));
    weightsA.fill(0);
    weightsB.fill(0);
    for (let k = 0; k < halfSize; k++) {
      weightsA[order[k]!] = 1;
      weightsB[order[halfSize + k]!] = 1;
    }
    weightedRowSum(rows.byOrder[1]!, rowWeights(rows, weightsA, rowsA), a);
    weightedRowSum(rows.byOrder[1]!, rowWeights(rows, weightsB, rowsB), b);
    const kl = klOfCounts(a, b);
    if (kl !== null) values.push(kl);
  }
  if (!values.length) return { value: null, low: null, high: null, halfSize };
  values.sort((x, y) => x - y);
  return { value: values.reduce((x, y) => x + y, 0) / values.length, low: quantile(values, 0.025), high: quantile(values, 0.975), halfSize };
}

/** Per metric, the study's noise floor for the results view (see noiseFloors). */
export function noiseFloorOf(db: Db, args: { experimentId: number }): Record<string, number> {
  return noiseFloors(listMetricPoints(db, args).map(toMetricPoint));
}
