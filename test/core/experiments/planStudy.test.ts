import { describe, expect, it } from "vitest";
import { parseStudySpec, type StudySpecInput } from "../../../electron/shared/domain/study";
import { planStudy } from "../../../electron/core/experiments/planStudy";
import type { PlannedJob } from "../../../electron/core/experiments/PlannedJob";
import type { TrainParams } from "../../../electron/core/jobs/jobSchemas";
import { designKey } from "../../../electron/shared/domain/design";

function plan(input: Partial<StudySpecInput>, trainSize = 100) {
  const spec = parseStudySpec({ name: "t", models: ["mistral", "llama"], generations: 3, ...input });
  const p = planStudy(spec, trainSize);
  const byKey = new Map(p.jobs.map((j) => [j.key, j]));
  const train = (design: string, chain: string, k: number) => {
    const g = p.generations.find((x) => designKey(x.design) === design && x.chain === chain && x.generation === k)!;
    return byKey.get(g.train) as Extract<PlannedJob, { kind: "train" }>;
  };
  const genOf = (design: string, chain: string, k: number) =>
    p.generations.find((x) => designKey(x.design) === design && x.chain === chain && x.generation === k)!.generate;
  return { p, byKey, train, genOf };
}

const data = (t: { params: TrainParams }) => t.params.data;

describe("planStudy", () => {
  it("generation 1 of each model and seed is sampled a second time from the same adapter, and every metrics job of that model reads it", () => {
    const { p, byKey } = plan({ designs: ["recursive", "cross"], seeds: [1, 2] });
    const again = p.jobs.filter((j) => j.kind === "generate" && j.params.again);
    expect(again).toHaveLength(4);
    for (const j of again) {
      const first = byKey.get(j.key.replace(/-again$/, ""))!;
      expect(first.kind).toBe("generate");
      expect(j.deps).toEqual(first.deps);
    }
    for (const m of p.jobs.filter((j) => j.kind === "metrics" && j.params.generation >= 1)) {
      if (m.kind !== "metrics") continue;
      expect(m.params.m1Again).toBe(`${m.params.m1}-again`);
      expect(m.deps).toContain(m.params.m1Again);
    }
  });

  it("recursive: M1 on real data, M(k+1) only on M(k)'s output of the same model", () => {
    const { train, genOf } = plan({ designs: ["recursive"] });
    for (const chain of ["A", "B"]) {
      expect(data(train("recursive", chain, 1))).toEqual({ real: 1, synthetic: [], size: null, sampling: "uniform" });
      expect(data(train("recursive", chain, 2))).toEqual({ real: 0, synthetic: [genOf("recursive", chain, 1)], size: null, sampling: "uniform" });
      expect(data(train("recursive", chain, 3))).toEqual({ real: 0, synthetic: [genOf("recursive", chain, 2)], size: null, sampling: "uniform" });
      expect(train("recursive", chain, 3).params.model).toBe(chain === "A" ? 0 : 1);
    }
  });

  it("cross: generation k of one model trains generation k+1 of the other; both chains, each model has a cross M5", () => {
    const { p, train, genOf } = plan({ designs: ["cross"], generations: 5 });
    const modelsOf = (chain: string) => [1, 2, 3, 4, 5].map((k) => train("cross", chain, k).params.model);
    expect(modelsOf("A-first")).toEqual([0, 1, 0, 1, 0]);
    expect(modelsOf("B-first")).toEqual([1, 0, 1, 0, 1]);
    for (const chain of ["A-first", "B-first"]) {
      for (let k = 2; k <= 5; k++) {
        const t = train("cross", chain, k);
        expect(data(t)).toEqual({ real: 0, synthetic: [genOf("cross", chain, k - 1)], size: null, sampling: "uniform" });
        const producer = p.jobs.find((j) => j.key === genOf("cross", chain, k - 1))!;
        expect(producer.params.model).not.toBe(t.params.model);
      }
    }
    const m5 = p.generations
      .filter((g) => g.generation === 5)
      .map((g) => g.model)
      .sort();
    expect(m5).toEqual([0, 1]);
  });

  it("accumulate: real data plus every earlier generation; accumulate-subsample keeps a fixed size", () => {
    const { train, genOf } = plan({ designs: ["accumulate", "accumulate-subsample"], subsampleSize: 80 });
    expect(data(train("accumulate", "A", 3))).toEqual({
      real: 1,
      synthetic: [genOf("accumulate", "A", 1), genOf("accumulate", "A", 2)],
      size: null,
      sampling: "uniform",
    });
    expect(data(train("accumulate-subsample", "B", 3))).toEqual({
      real: 1,
      synthetic: [genOf("accumulate-subsample", "B", 1), genOf("accumulate-subsample", "B", 2)],
      size: 80,
      sampling: "uniform",
    });
  });

  it("real-fraction: each fraction of the sweep is its own chain with a fixed training-set size", () => {
    const { p, train, genOf } = plan({ designs: ["real-fraction"], realFractions: [0.1, 0.5], models: ["m"] }, 120);
    expect(p.generations.map((g) => designKey(g.design)).filter((d, i, a) => a.indexOf(d) === i)).toEqual(["real-fraction@0.1", "real-fraction@0.5"]);
    // the design is a typed value everywhere in the plan, the metrics jobs' params included
    expect(p.generations.find((g) => g.chain === "A@0.1")!.design).toEqual({ kind: "real-fraction", realFraction: 0.1 });
    const metrics = p.jobs.filter((j): j is Extract<PlannedJob, { kind: "metrics" }> => j.kind === "metrics");
    expect(metrics.map((j) => j.params.design)).toContainEqual({ kind: "real-fraction", realFraction: 0.5 });
    expect(metrics.map((j) => j.params.design)).toContainEqual({ kind: "real" });
    expect(data(train("real-fraction@0.5", "A@0.5", 2))).toEqual({
      real: 0.5,
      synthetic: [genOf("real-fraction@0.5", "A@0.5", 1)],
      size: 120,
      sampling: "real-share",
    });
  });

  it("shares M1 between designs and plans each job once", () => {
    const { p, train } = plan({ designs: ["recursive", "cross", "accumulate"] });
    expect(train("recursive", "A", 1).key).toBe(train("accumulate", "A", 1).key);
    expect(train("cross", "A-first", 1).key).toBe(train("recursive", "A", 1).key);
    expect(new Set(p.jobs.map((j) => j.key)).size).toBe(p.jobs.length);
    // 2 M1 + recursive 2×2 + cross 2×2 + accumulate 2×2 = 14 trainings
    expect(p.jobs.filter((j) => j.kind === "train")).toHaveLength(14);
  });

  it("startFrom previous continues the previous adapter of the same model only", () => {
    const { train } = plan({ designs: ["recursive", "cross"], startFrom: "previous" });
    expect(train("recursive", "A", 2).params.initFrom).toBe(train("recursive", "A", 1).key);
    expect(train("cross", "A-first", 2).params.initFrom).toBeNull();
  });

  it("orders jobs so every dependency comes first, seeds get their own lineages", () => {
    const { p } = plan({ designs: ["recursive", "cross"], seeds: [1, 2] });
    const seen = new Set<string>();
    for (const j of p.jobs) {
      for (const d of j.deps) expect(seen.has(d)).toBe(true);
      seen.add(j.key);
    }
    const m1s = p.jobs.filter((j) => j.kind === "train" && j.params.generation === 1);
    expect(m1s).toHaveLength(4);
  });
});

describe("parseStudySpec", () => {
  it("names the offending fields", () => {
    expect(() => parseStudySpec({ name: "x", models: ["a"], designs: ["cross"] }, "s.yaml")).toThrow(
      /s\.yaml: designs: the cross design needs exactly two models/,
    );
    expect(() => parseStudySpec({ name: "x", models: ["a"], generations: 0 }, "s.yaml")).toThrow(/generations: Too small/);
    expect(() => parseStudySpec({ name: "x", models: ["a"], train: { rank: "8" } }, "s.yaml")).toThrow(/train\.rank/);
    // the trainer takes only whole 256-token contexts: refused when the study is written, not at its first training job
    expect(() => parseStudySpec({ name: "x", models: ["a"], train: { contextSize: 300 } }, "s.yaml")).toThrow(/train\.contextSize.*multiple of 256/);
    expect(() => parseStudySpec({ name: "x", models: ["a"], train: { contextSize: 128 } }, "s.yaml")).toThrow(/train\.contextSize/);
    expect(parseStudySpec({ name: "x", models: ["a"], train: { contextSize: 768 } }, "s.yaml").train.contextSize).toBe(768);
    expect(() => parseStudySpec({ name: "x", models: ["a"], designs: ["recursiv"] }, "s.yaml")).toThrow(/designs\[0\]/);
    expect(() => parseStudySpec({ models: ["a"] }, "s.yaml")).toThrow(/name/);
    expect(() => parseStudySpec({ name: "x", models: ["a"], colour: "red" }, "s.yaml")).toThrow(/colour/);
  });
  it("every generation also writes for the held-out prompts, in a job of its own that no training reads", () => {
    const { p, byKey } = plan({ designs: ["recursive", "cross"] });
    const heldout = p.jobs.filter((j) => j.kind === "generate" && j.key.startsWith("heldout-"));
    // generation 1 sampled again (the floor of KL vs M1) writes for the training prompts only
    const generate = p.jobs.filter((j) => j.kind === "generate" && !j.key.startsWith("heldout-") && !j.key.endsWith("-again"));
    expect(heldout).toHaveLength(generate.length);
    for (const h of heldout) {
      expect(h.params).toMatchObject({ prompts: "heldout" });
      expect(byKey.get(h.key.replace(/^heldout-/, "generate-"))).toBeDefined();
    }
    for (const t of p.jobs.filter((j) => j.kind === "train")) expect(t.deps.some((d) => d.startsWith("heldout-"))).toBe(false);
    for (const m of p.jobs.filter((j) => j.kind === "metrics")) {
      const params = m.params as { generate: string | null; heldout?: string | null; m1Heldout?: string | null };
      if (params.generate === null) expect(params.heldout).toBeNull();
      else {
        expect(params.heldout).toBe(params.generate.replace(/^generate-/, "heldout-"));
        expect(m.deps).toContain(params.heldout);
        expect(m.deps).toContain(params.m1Heldout);
      }
    }
  });
});
