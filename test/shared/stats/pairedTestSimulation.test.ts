import { describe, expect, it } from "vitest";
import { pairedTest } from "../../../electron/shared/stats/pairedTest";
import { createRng, type Rng } from "../../../electron/shared/random";

/** A standard normal by Box–Muller. */
const normal = (rng: Rng) => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());

/**
 * Two designs of one study, simulated as the product runs them: each seed has its own level
 * (generation 1 is shared, so the designs are correlated within a seed) plus each design's own
 * training noise; `shift` is design A's true effect.
 */
function simulate(rng: Rng, seeds: number, shift: number): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let s = 0; s < seeds; s++) {
    const level = 1 + 0.5 * normal(rng);
    a.push(level + shift + 0.2 * normal(rng));
    b.push(level + 0.2 * normal(rng));
  }
  return { a, b };
}

const RUNS = 4000;

describe("paired tests by simulation", () => {
  it("two designs drawn from one distribution: the t-test rejects about 5%, the exact test at most that", () => {
    for (const seeds of [6, 10]) {
      const rng = createRng(`null-${seeds}`);
      let t = 0;
      let exact = 0;
      for (let r = 0; r < RUNS; r++) {
        const { a, b } = simulate(rng, seeds, 0);
        const x = pairedTest(a, b);
        if (x.tP! < 0.05) t++;
        if (x.exactP! < 0.05) exact++;
      }
      // binomial sd of a 5% rate over 4000 runs: 0.0034
      expect(t / RUNS).toBeGreaterThan(0.04);
      expect(t / RUNS).toBeLessThan(0.06);
      expect(exact / RUNS).toBeLessThan(0.06);
      // 6 seeds: the exact test can only reject at its floor 2/64 (≈ 3.1% of runs); 10 seeds come close to 5%
      expect(exact / RUNS).toBeGreaterThan(seeds === 6 ? 0.02 : 0.035);
    }
  });

  it("the 95% interval of the mean difference covers the true difference about 95% of the time", () => {
    for (const seeds of [3, 6, 12]) {
      const rng = createRng(`coverage-${seeds}`);
      let covered = 0;
      for (let r = 0; r < RUNS; r++) {
        const { a, b } = simulate(rng, seeds, 0.15);
        const x = pairedTest(a, b);
        if (x.low! <= 0.15 && 0.15 <= x.high!) covered++;
      }
      expect(covered / RUNS).toBeGreaterThan(0.935);
      expect(covered / RUNS).toBeLessThan(0.965);
    }
  });

  it("a real difference is found: power with 6 seeds at an effect of 2 sd of the paired noise", () => {
    const rng = createRng("power");
    let found = 0;
    for (let r = 0; r < 1000; r++) if (pairedTest(...(Object.values(simulate(rng, 6, 0.57)) as [number[], number[]])).exactP! < 0.05) found++;
    expect(found / 1000).toBeGreaterThan(0.5);
  });
});
