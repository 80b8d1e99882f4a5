import { describe, expect, it } from "vitest";
import { trainableOutputs } from "../../../electron/core/experiments/trainableOutputs";
import { autoMaxTokens } from "../../../electron/core/generate/autoMaxTokens";

describe("cut outputs (generate.cutOutputs)", () => {
  const samples = [
    { id: 1, finish_reason: "customStopTrigger" },
    { id: 2, finish_reason: "maxTokens" },
    { id: 3, finish_reason: "eogToken" },
    { id: 4, finish_reason: "contextFull" },
  ];
  it("exclude: an output cut at maxTokens or by a full context is left out, and counted", () => {
    const r = trainableOutputs(samples, "exclude");
    expect(r.kept.map((s) => s.id)).toEqual([1, 3]);
    expect(r.excluded).toBe(2);
  });
  it("keep: every output is trained on as written", () => {
    const r = trainableOutputs(samples, "keep");
    expect(r.kept.map((s) => s.id)).toEqual([1, 2, 3, 4]);
    expect(r.excluded).toBe(0);
  });
});

describe('maxTokens "auto"', () => {
  it("is the nearest-rank 99th percentile of the answers' token lengths times 1.25, rounded up", () => {
    // 100 answers of 1..100 tokens: the 99th is 99 → 123.75 → 124
    expect(autoMaxTokens(Array.from({ length: 100 }, (_, i) => 100 - i))).toBe(124);
    // 10 answers: rank ⌈9.9⌉ = 10, the longest: 40 → 50
    expect(autoMaxTokens([5, 40, 7, 8, 9, 10, 11, 12, 13, 14])).toBe(50);
    expect(autoMaxTokens([1])).toBe(2);
    expect(() => autoMaxTokens([])).toThrow(/no answers/);
  });
});
