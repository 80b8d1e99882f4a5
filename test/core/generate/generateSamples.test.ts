import { describe, expect, it } from "vitest";
import { tinyModel } from "../../helpers/tinyModel";
import { generateSamples, type GenerateSamplesOptions } from "../../../electron/core/generate/generateSamples";

const prompts = Array.from({ length: 12 }, (_, i) => ({ id: 100 + i, prompt: `Описание: в правой доле узел ${i},${i % 3} см. ${"изоэхогенный ".repeat(i % 4)}\nЗаключение:` }));

async function outputs(overrides: Partial<GenerateSamplesOptions>) {
  const base: GenerateSamplesOptions = { modelPath: await tinyModel(), prompts, seed: 7, temperature: 1, topP: 0.95, topK: 40, maxTokens: 16, stop: ["е"], sequences: 4, batching: "lanes", contextSize: 256, threads: 1 };
  const r = await generateSamples({ ...base, ...overrides });
  return r.samples.map((s) => [s.id, s.output, s.seed] as const);
}

describe("generateSamples on a tiny model (node-llama-cpp, CPU)", () => {
  it("in lanes, a sample depends on its prompt and seed alone: the same text for 1, 3 or 4 parallel lanes and 1 or 2 threads", async () => {
    const one = await outputs({ sequences: 1 });
    expect(one).toHaveLength(prompts.length);
    expect(one.map(([id]) => id)).toEqual(prompts.map((p) => p.id));
    expect(new Set(one.map(([, text]) => text)).size).toBeGreaterThan(1);
    expect(await outputs({ sequences: 4 })).toEqual(one);
    expect(await outputs({ sequences: 3, threads: 2 })).toEqual(one);
  });

  it("a different run seed gives different samples; shared batching runs every prompt", async () => {
    const a = await outputs({});
    expect(await outputs({ seed: 8 })).not.toEqual(a);
    const shared = await outputs({ batching: "shared" });
    expect(shared.map(([id]) => id)).toEqual(a.map(([id]) => id));
  });

  it("a sample's token count is the number of tokens generated: maxTokens for every sample cut there", async () => {
    const r = await generateSamples({ modelPath: await tinyModel(), prompts, seed: 7, temperature: 1, topP: 0.95, topK: 40, maxTokens: 16, stop: [], sequences: 2, batching: "lanes", contextSize: 256, threads: 1 });
    const cut = r.samples.filter((s) => s.finishReason === "maxTokens");
    expect(cut.length).toBeGreaterThan(0);
    for (const s of cut) expect(s.tokenCount).toBe(16);
    expect(r.generatedTokens).toBe(r.samples.reduce((n, s) => n + s.tokenCount, 0));
  });

  it("stops at an abort signal with an AbortError", async () => {
    const controller = new AbortController();
    const run = outputs({ signal: controller.signal, maxTokens: 64, stop: [], onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });
});
