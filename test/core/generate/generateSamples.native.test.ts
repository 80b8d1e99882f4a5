import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { tinyModel } from "../../helpers/tinyModel";
import { generateSamples, type GenerateSamplesOptions } from "../../../electron/core/generate/generateSamples";

const prompts = Array.from({ length: 12 }, (_, i) => ({
  id: 100 + i,
  prompt: `Описание: в правой доле узел ${i},${i % 3} см. ${"изоэхогенный ".repeat(i % 4)}\nЗаключение:`,
}));

async function outputs(overrides: Partial<GenerateSamplesOptions>) {
  const base: GenerateSamplesOptions = {
    modelPath: await tinyModel(),
    prompts,
    seed: 7,
    temperature: 1,
    topP: 0.95,
    topK: 40,
    maxTokens: 16,
    stop: ["е"],
    sequences: 4,
    batching: "lanes",
    contextSize: 256,
    threads: 1,
  };
  const r = await generateSamples({ ...base, ...overrides });
  return r.samples.map((s) => [s.id, s.output, s.seed] as const);
}

// 20M parameters (256 wide, 4 layers): unlike the 64-wide model, its logits move with the batch's
// shape enough that sampling over the whole vocabulary (top-k 0, top-p 1) turns most samples
// elsewhere when batches are put together differently
const smallModel = () => tinyModel({ n_embd: 256, n_layer: 4, n_head: 8, n_head_kv: 2, n_ff: 768 });

async function shared(overrides: Partial<GenerateSamplesOptions>) {
  const base: GenerateSamplesOptions = {
    modelPath: await smallModel(),
    prompts,
    seed: 7,
    temperature: 1,
    topP: 1,
    topK: 0,
    maxTokens: 32,
    stop: ["е"],
    sequences: 4,
    batching: "shared",
    contextSize: 256,
    threads: 1,
  };
  return generateSamples({ ...base, ...overrides });
}

/** Runs `f` while another process keeps a core busy. */
async function underLoad<T>(f: () => Promise<T>): Promise<T> {
  const spinner = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });
  try {
    return await f();
  } finally {
    spinner.kill("SIGKILL");
  }
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
    const r = await generateSamples({
      modelPath: await tinyModel(),
      prompts,
      seed: 7,
      temperature: 1,
      topP: 0.95,
      topK: 40,
      maxTokens: 16,
      stop: [],
      sequences: 2,
      batching: "lanes",
      contextSize: 256,
      threads: 1,
    });
    const cut = r.samples.filter((s) => s.finishReason === "maxTokens");
    expect(cut.length).toBeGreaterThan(0);
    for (const s of cut) expect(s.tokenCount).toBe(16);
    expect(r.generatedTokens).toBe(r.samples.reduce((n, s) => n + s.tokenCount, 0));
  });

  it("shared batching decodes in lockstep: the same texts on every run, at 1 or 2 threads and with another process loading the CPU", async () => {
    const texts = (r: Awaited<ReturnType<typeof shared>>) => r.samples.map((s) => [s.id, s.output, s.finishReason] as const);
    const first = await shared({});
    expect(first.samples).toHaveLength(prompts.length);
    // samples end at different steps, so slots take their next prompt mid-run
    expect(new Set(first.samples.map((s) => s.tokenCount)).size).toBeGreaterThan(3);
    expect(texts(await shared({}))).toEqual(texts(first));
    expect(texts(await shared({ threads: 2 }))).toEqual(texts(first));
    expect(texts(await underLoad(() => shared({})))).toEqual(texts(first));
  });

  it("shared batching fills each decode with every sequence's token: 4 sequences × 16 tokens take 16 decodes, lanes one per token of each sample", async () => {
    const four = prompts.slice(0, 4);
    const r = await shared({ prompts: four, maxTokens: 16, stop: [] });
    expect(r.samples.map((s) => s.finishReason)).toEqual(["maxTokens", "maxTokens", "maxTokens", "maxTokens"]);
    // one decode holds the four prompts and gives each its first token, then one per further token
    expect(r.samples.map((s) => s.tokenCount)).toEqual([16, 16, 16, 16]);
    expect(r.decodes).toBe(16);
    // a lane decodes its sample alone: its prompt, then each token but the last
    const lanes = await shared({ prompts: four, maxTokens: 16, stop: [], batching: "lanes" });
    expect(lanes.samples.map((s) => s.tokenCount)).toEqual([16, 16, 16, 16]);
    expect(lanes.decodes).toBe(64);
  });

  it("shared batching takes prompts longer than a decode's batch, the same on every run", async () => {
    const whole = await shared({ maxTokens: 8 });
    const long = await shared({ batchSize: 8, maxTokens: 8 });
    expect(long.samples.map((s) => s.id)).toEqual(prompts.map((p) => p.id));
    expect(long.samples.some((s) => s.tokenCount > 0)).toBe(true);
    // each prompt (20 tokens and more) took several decodes of 8 tokens
    expect(long.decodes).toBeGreaterThan(whole.decodes + prompts.length);
    expect((await shared({ batchSize: 8, maxTokens: 8 })).samples).toEqual(long.samples);
  });

  it("shared batching ends at an abort signal with an AbortError", async () => {
    const controller = new AbortController();
    let progress = 0;
    // the first sample to end aborts the run while the other slots are mid-sample: nothing more is
    // reported, and the decoder stops before its next step
    const run = shared({
      signal: controller.signal,
      onProgress: () => {
        progress++;
        controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(progress).toBe(1);
  });

  it("ends each sample at its first stop string, cut before it", async () => {
    const r = await shared({ stop: ["е", "а"] });
    const stopped = r.samples.filter((s) => s.finishReason === "customStopTrigger");
    expect(stopped.length).toBeGreaterThan(0);
    for (const s of r.samples) expect(s.output).not.toMatch(/[еа]/);
  });

  it("a sample that fills its sequence ends as contextFull, having used every cell", async () => {
    const prompt = { id: 1, prompt: `Описание: ${"узел ".repeat(12)}\nЗаключение:` };
    const { LlamaRuntime } = await import("../../../electron/core/generate/LlamaRuntime");
    const { promptTokens } = await import("../../../electron/core/generate/promptTokens");
    const { llama } = await LlamaRuntime.get();
    const model = await llama.loadModel({ modelPath: await smallModel(), gpuLayers: 0 });
    const length = promptTokens(model, prompt.prompt).length;
    await model.dispose();
    const contextSize = length + 10;
    const r = await shared({ prompts: [prompt], stop: [], maxTokens: 64, contextSize });
    expect(r.samples[0]!.finishReason).toBe("contextFull");
    // the prompt and every token but the last were decoded: contextSize cells
    expect(r.samples[0]!.tokenCount).toBe(contextSize - length + 1);
  });

  it("a prompt longer than the context is an error naming the record and the setting, before anything is generated", async () => {
    let progress = 0;
    const long = { id: 4242, prompt: `Описание: ${"изоэхогенный узел ".repeat(80)}\nЗаключение:` };
    await expect(shared({ prompts: [...prompts.slice(0, 3), long], contextSize: 128, onProgress: () => progress++ })).rejects.toThrow(
      /record 4242 is \d+ tokens.*generate\.contextSize \(128 tokens\)/,
    );
    expect(progress).toBe(0);
  });

  it("stops at an abort signal with an AbortError", async () => {
    const controller = new AbortController();
    const run = outputs({ signal: controller.signal, maxTokens: 64, stop: [], onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/abort/i);
  });
});
