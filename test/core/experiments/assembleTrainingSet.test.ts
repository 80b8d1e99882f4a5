import { describe, expect, it } from "vitest";
import { assembleTrainingSet, type TrainingPair } from "../../../electron/core/experiments/assembleTrainingSet";

const real: TrainingPair[] = Array.from({ length: 10 }, (_, i) => ({ recordId: i, prompt: `p${i}`, answer: `real${i}`, origin: "real" }));
const gen = (name: string): TrainingPair[] => real.map((r) => ({ ...r, answer: `${name}${r.recordId}`, origin: name }));

describe("assembleTrainingSet", () => {
  it("recursive: only the previous generation", () => {
    const set = assembleTrainingSet(real, [gen("g1")], { real: 0, synthetic: ["g1"], size: null, sampling: "uniform" }, 1);
    expect(set.map((p) => p.origin)).toEqual(Array(10).fill("g1"));
  });

  it("accumulate: all real plus every earlier generation", () => {
    const set = assembleTrainingSet(real, [gen("g1"), gen("g2")], { real: 1, synthetic: ["g1", "g2"], size: null, sampling: "uniform" }, 1);
    expect(set).toHaveLength(30);
    expect(set.filter((p) => p.origin === "real")).toHaveLength(10);
  });

  it("accumulate-subsample: the same pool, uniformly subsampled to the fixed size, reproducibly", () => {
    const src = { real: 1, synthetic: ["g1", "g2"], size: 10, sampling: "uniform" as const };
    const a = assembleTrainingSet(real, [gen("g1"), gen("g2")], src, 7);
    expect(a).toHaveLength(10);
    expect(new Set(a.map((p) => p.origin)).size).toBeGreaterThan(1);
    expect(assembleTrainingSet(real, [gen("g1"), gen("g2")], src, 7)).toEqual(a);
  });

  it("real-fraction: exactly real × size real pairs, the rest synthetic answers to other prompts", () => {
    const set = assembleTrainingSet(real, [gen("g1")], { real: 0.3, synthetic: ["g1"], size: 10, sampling: "real-share" }, 3);
    expect(set).toHaveLength(10);
    const realOnes = set.filter((p) => p.origin === "real");
    expect(realOnes).toHaveLength(3);
    const realIds = new Set(realOnes.map((p) => p.recordId));
    expect(set.filter((p) => p.origin === "g1").every((p) => !realIds.has(p.recordId))).toBe(true);
    expect(new Set(set.map((p) => p.recordId)).size).toBe(10);
  });
});
