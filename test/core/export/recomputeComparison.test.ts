import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { compareHandlers } from "../../../electron/core/api/compareHandlers";
import { useTempDir } from "../../helpers/tempDir";
import { pairedStudy } from "../../fixtures/pairedStudy";
import { openDatabase, type Db } from "../../../electron/core/db/openDatabase";
import { insertExperiment } from "../../../electron/core/db/queries/experiments";
import { upsertMetricPoints, type NewMetricPoint } from "../../../electron/core/db/queries/metricPoints";
import { createRng } from "../../../electron/shared/random";

const tempDir = useTempDir();

/**
 * A reader with metrics.csv and a spreadsheet's arithmetic, nothing of the product's: group the
 * rows by seed, subtract each side's floor at the last generation, and test the differences.
 */
function recompute(rows: Record<string, string>[], metric: string, floor: string) {
  const at = (design: string, seed: string, m: string) =>
    Number(rows.find((r) => r.design === design && r.seed === seed && r.metric === m && r.generation === "3")!.value);
  const seeds = [...new Set(rows.map((r) => r.seed!))].sort();
  const d = seeds.map((s) => at("recursive", s, metric) - at("recursive", s, floor) - (at("cross", s, metric) - at("cross", s, floor)));
  const n = d.length;
  const mean = d.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(d.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (2.571 * sd) / Math.sqrt(n); // t(0.975, 5), from a printed table
  let extreme = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    const s = d.reduce((a, x, i) => a + (mask & (1 << i) ? -x : x), 0);
    if (Math.abs(s) >= Math.abs(mean * n) - 1e-12) extreme++;
  }
  return { n, mean, low: mean - half, high: mean + half, exactP: extreme / 2 ** n };
}

/** The study exported to metrics.csv (its rows) and the product's own comparison of recursive and cross for tiny-a. */
async function exportAndCompare(db: Db, studyId: number, out: string, metrics?: string[]) {
  await exportStudy(db, { experimentId: studyId, dir: out, formats: ["csv"] });
  const product = await compareHandlers({ db })["results.compare"]({
    studyId,
    a: { design: "recursive", model: "tiny-a" },
    b: { design: "cross", model: "tiny-a" },
    ...(metrics ? { metrics } : {}),
    language: "en",
  });
  const rows = parse(readFileSync(join(out, "metrics.csv"), "utf8"), { columns: true }) as Record<string, string>[];
  return { rows, product };
}

describe("a comparison recomputed from metrics.csv alone", () => {
  it("matches results.compare: mean difference, interval, exact p; the CSV names each row's lineage and interval kind", async () => {
    const dir = tempDir();
    const { db, studyId } = pairedStudy(dir);
    const { rows: exported, product } = await exportAndCompare(db, studyId, join(dir, "export"));
    db.close();

    const rows = exported;
    expect(rows.find((r) => r.design === "recursive" && r.generation === "2")!.trained_on).toBe("tiny-a");
    expect(rows.find((r) => r.design === "cross" && r.generation === "1")!.trained_on).toBe("real");
    expect(rows[0]!.interval).toBe("within one run: sampling only");
    for (const [metric, floor] of [
      ["kl_unigram_vs_m1", "kl_m1_noise_floor"],
      ["kl_unigram_vs_real", "kl_noise_floor"],
    ] as const) {
      const mine = recompute(rows, metric, floor);
      const theirs = product.rows.find((r) => r.metric === metric && r.summary === "last")!;
      expect(theirs.n).toBe(6);
      expect(theirs.meanDifference!).toBeCloseTo(mine.mean, 12);
      expect(theirs.low!).toBeCloseTo(mine.low, 12);
      expect(theirs.high!).toBeCloseTo(mine.high, 12);
      expect(theirs.exactP!).toBeCloseTo(mine.exactP, 12);
    }
    expect(product.sentences[0]).toMatch(/^recursive vs cross, tiny-a: KL vs M1 at M3 higher by [0-9.]+ \[[0-9.]+, [0-9.]+\], p = [0-9.]+, 6 seeds$/);
  });

  it("a cross side's slope: recomputed per chain from metrics.csv's chain column, as the product fits it", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "cross.sqlite"));
    const studyId = insertExperiment(db, { name: "cross", specJson: "{}", specSource: "", versionsJson: "{}" });
    const rng = createRng(5);
    const points: NewMetricPoint[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      for (let g = 1; g <= 5; g++) {
        const point = (design: string, model: string, chain: string, value: number): NewMetricPoint => ({
          experiment_id: studyId,
          generation_id: null,
          design,
          model,
          chain,
          generation_index: g,
          seed,
          metric: "kl_unigram_vs_m1",
          value,
          low: null,
          high: null,
        });
        points.push(point("recursive", "tiny-a", "A", 0.1 * g + 0.05 * rng.next()));
        // tiny-a's odd generations are in the chain it starts (rising), its even ones in tiny-b's (falling from a higher level)
        points.push(point("cross", "tiny-a", g % 2 ? "A-first" : "B-first", (g % 2 ? 0.04 * g : 0.5 - 0.04 * g) + 0.005 * rng.next()));
        points.push(point("cross", "tiny-b", g % 2 ? "B-first" : "A-first", 0.3 + 0.05 * rng.next()));
      }
    }
    upsertMetricPoints(db, points);
    const { rows: exported, product } = await exportAndCompare(db, studyId, join(dir, "export"), ["kl_unigram_vs_m1"]);
    db.close();

    const rows = exported.filter((r) => r.model === "tiny-a");
    expect(rows.filter((r) => r.design === "cross" && r.generation !== "1").every((r) => r.trained_on === "tiny-b")).toBe(true);
    // least squares by hand: Σ(x − x̄)(y − ȳ) / Σ(x − x̄)²
    const fit = (xy: [number, number][]) => {
      const mx = xy.reduce((a, [x]) => a + x, 0) / xy.length;
      const my = xy.reduce((a, [, y]) => a + y, 0) / xy.length;
      return xy.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / xy.reduce((a, [x]) => a + (x - mx) ** 2, 0);
    };
    const perChain = (design: string, seed: string) => {
      const mine = rows.filter((r) => r.design === design && r.seed === seed);
      const chains = [...new Set(mine.map((r) => r.chain))];
      const slopes = chains.map((c) => fit(mine.filter((r) => r.chain === c).map((r) => [Number(r.generation), Number(r.value)])));
      return slopes.reduce((a, b) => a + b, 0) / slopes.length;
    };
    const mixed = (seed: string) => fit(rows.filter((r) => r.design === "cross" && r.seed === seed).map((r) => [Number(r.generation), Number(r.value)]));
    const theirs = product.rows.find((r) => r.summary === "slope")!;
    const seeds = ["1", "2", "3", "4", "5", "6"];
    seeds.forEach((s, i) => {
      expect(theirs.a[i]!).toBeCloseTo(perChain("recursive", s), 12);
      expect(theirs.b[i]!).toBeCloseTo(perChain("cross", s), 12);
      // one line through both lineages sees about 0.024 where the chains' slopes average about 0
      expect(Math.abs(mixed(s) - theirs.b[i]!)).toBeGreaterThan(0.01);
    });
    const d = seeds.map((s) => perChain("recursive", s) - perChain("cross", s));
    expect(theirs.meanDifference!).toBeCloseTo(d.reduce((a, b) => a + b, 0) / 6, 12);
    expect(product.lineage.b).toEqual({ chains: ["A-first", "B-first"], trainedOn: "tiny-b" });
  });
});
