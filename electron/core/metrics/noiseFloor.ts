import type { Db } from "../db/openDatabase";
import { listMetricPoints, toMetricPoint } from "../db/queries/metricPoints";
import { noiseFloors } from "../../shared/charts/noiseFloors";
import { createRng, shuffled, type Rng } from "../../shared/random";
import { weightedRowSum } from "./countMatrix";
import { NgramSpace } from "./NgramSpace";
import { rowWeights, textRows } from "./textRows";
import { jsOfCounts, klOfCounts } from "./divergence";
import { quantile } from "./bootstrap";
import { thinCounts, total } from "./tokenBudget";

export type Floor = { value: number | null; low: number | null; high: number | null };

/** The floor of every divergence (FLOOR_OF in shared/charts/noiseFloors.ts), by its metric id. */
export type DivergenceFloors = {
  kl_noise_floor: Floor;
  kl_bigram_noise_floor: Floor;
  js_noise_floor: Floor;
  /** null without both generation-1 samples */
  kl_m1_noise_floor: Floor | null;
  /** texts in each real sample: the generation's size, or half the pool where the pool is smaller than twice that */
  sampleTexts: number;
};

export type FloorInput = {
  /** the real texts the two disjoint samples are drawn from (the study's whole real training split) */
  realPool: readonly string[];
  /** the generation's number of samples */
  sampleSize: number;
  /** the unigram and bigram budgets the generation's divergences were computed at; null: raw counts */
  budgets: { 1: number; 2: number } | null;
  /** generation 1's outputs, and generation 1 sampled again from the same adapter with another sampling seed */
  m1?: readonly string[] | null;
  m1Again?: readonly string[] | null;
};

const NONE: Floor = { value: null, low: null, high: null };

/**
 * What each divergence already shows between two samples of one distribution at the generation's
 * size and token budget (docs/metrics.md, "Noise floors"). Vs real: two disjoint seeded samples of
 * `sampleSize` real texts (half the pool each where it is too small), both thinned to the budget.
 * Vs M1: generation 1 against generation 1 sampled again, both thinned to the budget. Mean over
 * `seeds` draws; low/high their 2.5th and 97.5th percentiles.
 */
export function divergenceFloors(input: FloorInput, options: { seeds: number; seed: number; space?: NgramSpace }): DivergenceFloors {
  const space = options.space ?? new NgramSpace();
  const pool = input.realPool;
  const sampleTexts = Math.min(input.sampleSize, Math.floor(pool.length / 2));
  const draws = { kl: [] as number[], bigram: [] as number[], js: [] as number[], m1: [] as number[] };
  if (sampleTexts >= 1 && options.seeds >= 1) {
    const rows = textRows(pool, space, [1, 2]);
    const width = [space.width(1), space.width(2)];
    const sums = (weights: Int32Array) => {
      const r = rowWeights(rows, weights, new Int32Array(rows.rows));
      return [counted(rows.byOrder[1]!, r, width[0]!), counted(rows.byOrder[2]!, r, width[1]!)] as const;
    };
    for (let s = 0; s < options.seeds; s++) {
      const rng = createRng(options.seed).fork(`noise-floor:${s}`);
      const order = shuffled([...pool.keys()], rng);
      const wa = new Int32Array(pool.length);
      const wb = new Int32Array(pool.length);
      for (let k = 0; k < sampleTexts; k++) {
        wa[order[k]!] = 1;
        wb[order[sampleTexts + k]!] = 1;
      }
      const [a1, a2] = sums(wa);
      const [b1, b2] = sums(wb);
      const [p1, q1] = atBudget(a1, b1, input.budgets?.[1], rng);
      const [p2, q2] = atBudget(a2, b2, input.budgets?.[2], rng);
      push(draws.kl, klOfCounts(p1, q1));
      push(draws.js, jsOfCounts(p1, q1));
      push(draws.bigram, klOfCounts(p2, q2));
    }
  }
  let m1Floor: Floor | null = null;
  if (input.m1?.length && input.m1Again?.length) {
    const a = unigramCounts(input.m1, space);
    const b = unigramCounts(input.m1Again, space);
    for (let s = 0; s < Math.max(1, options.seeds); s++) {
      const [p, q] = atBudget(a, b, input.budgets?.[1], createRng(options.seed).fork(`noise-floor-m1:${s}`));
      push(draws.m1, klOfCounts(p, q));
    }
    m1Floor = summarise(draws.m1);
  }
  return {
    kl_noise_floor: summarise(draws.kl),
    kl_bigram_noise_floor: summarise(draws.bigram),
    js_noise_floor: summarise(draws.js),
    kl_m1_noise_floor: m1Floor,
    sampleTexts,
  };
}

function counted(m: Parameters<typeof weightedRowSum>[0], rowWeights: Int32Array, width: number): Int32Array {
  const out = new Int32Array(width);
  weightedRowSum(m, rowWeights, out);
  return out;
}

function unigramCounts(texts: readonly string[], space: NgramSpace): Int32Array {
  const rows = textRows(texts, space, [1]);
  return counted(rows.byOrder[1]!, rowWeights(rows, null, new Int32Array(rows.rows)), space.width(1));
}

/** Both sides thinned to min(budget, either side's total); no budget: the raw counts. */
function atBudget(a: Int32Array, b: Int32Array, budget: number | undefined, rng: Rng): [Int32Array, Int32Array] {
  // the vocabulary may have grown between counting a and b: pad to one width
  const width = Math.max(a.length, b.length);
  const pad = (x: Int32Array) => (x.length === width ? x : Int32Array.from({ length: width }, (_, i) => x[i] ?? 0));
  if (budget === undefined) return [pad(a), pad(b)];
  const n = Math.min(budget, total(a), total(b));
  return [thinCounts(a, n, rng, new Int32Array(width)), thinCounts(b, n, rng, new Int32Array(width))];
}

function push(values: number[], x: number | null): void {
  if (x !== null) values.push(x);
}

function summarise(values: number[]): Floor {
  if (!values.length) return NONE;
  const sorted = values.slice().sort((x, y) => x - y);
  return { value: sorted.reduce((x, y) => x + y, 0) / sorted.length, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) };
}

/** Per metric, the study's noise floor for the results view (see noiseFloors). */
export function noiseFloorOf(db: Db, args: { experimentId: number }): Record<string, number> {
  return noiseFloors(listMetricPoints(db, args).map(toMetricPoint));
}
