import { describe, expect, it } from "vitest";
import { LlamaRuntime } from "../../../electron/core/generate/LlamaRuntime";
import { nativeContext, nativeSampler, probeHandles, probeNodeLlamaCpp } from "../../../electron/core/generate/nativeHandles";
import { tinyModel } from "../../helpers/tinyModel";

describe("nativeHandles against the installed node-llama-cpp", () => {
  it("the probe passes on a real model and context, and leaves the sequence it used empty", async () => {
    const { llama } = await LlamaRuntime.get();
    const model = await llama.loadModel({ modelPath: await tinyModel(), gpuLayers: 0 });
    try {
      await expect(probeNodeLlamaCpp(model)).resolves.toBeUndefined();
      const context = await model.createContext({ contextSize: 64, sequences: 1, flashAttention: false });
      try {
        const native = nativeContext(context);
        const newSampler = () => nativeSampler(model, { temperature: 1, topK: 40, topP: 1, seed: 1 });
        await probeHandles(native, newSampler, model.tokens.bos!);
        // emptied: the same token at position 0 of sequence 0 decodes again
        await expect(probeHandles(native, newSampler, model.tokens.bos!)).resolves.toBeUndefined();
      } finally {
        await context.dispose();
      }
    } finally {
      await model.dispose();
    }
  });
});
