import type { LlamaContext, LlamaModel } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { nativeContext, nativeSampler } from "../../../electron/core/generate/nativeHandles";

describe("nativeHandles: node-llama-cpp's internals generation drives", () => {
  it("names what is missing and the version it was written against, if a node-llama-cpp moved them", () => {
    const context = { _ctx: { initBatch() {}, addToBatch() {}, decodeBatch() {}, disposeSequence() {} } } as unknown as LlamaContext;
    expect(() => nativeContext(context)).toThrow("node-llama-cpp's LlamaContext has no native sampleToken (written against node-llama-cpp 3.22.1)");
    expect(() => nativeSampler({} as LlamaModel, { temperature: 1, topK: 40, topP: 1, seed: 1 })).toThrow(/LlamaModel has no native sampler \(written against node-llama-cpp 3\.22\.1\)/);
  });
});
