import type { LlamaContext, LlamaModel, Token } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { NodeLlamaCppInternalsError } from "../../../electron/core/generate/NodeLlamaCppInternalsError";
import {
  checkNodeLlamaCppVersion,
  installedNodeLlamaCppVersion,
  NODE_LLAMA_CPP_WRITTEN_FOR,
  nativeContext,
  nativeSampler,
  probeHandles,
  type NativeContext,
  type NativeSampler,
} from "../../../electron/core/generate/nativeHandles";

/** A stand-in for node-llama-cpp's AddonContext that answers as 3.22.1 does, but for the overrides. */
function fakeNative(overrides: Partial<Record<keyof NativeContext, unknown>> = {}): NativeContext {
  return {
    initBatch: () => undefined,
    addToBatch: (_s: number, _f: number, tokens: Uint32Array) => new Uint32Array(tokens.length),
    decodeBatch: () => Promise.resolve(),
    sampleToken: () => Promise.resolve(7),
    disposeSequence: () => undefined,
    ...overrides,
  } as NativeContext;
}
const sampler = (): NativeSampler => ({ applyConfig() {}, dispose() {} });

describe("nativeHandles: node-llama-cpp's internals generation drives", () => {
  it("names what is missing, the version it was written against and the one installed, if a node-llama-cpp moved them", () => {
    const context = { _ctx: { initBatch() {}, addToBatch() {}, decodeBatch() {}, disposeSequence() {} } } as unknown as LlamaContext;
    expect(() => nativeContext(context)).toThrow(NodeLlamaCppInternalsError);
    expect(() => nativeContext(context)).toThrow(
      `node-llama-cpp's LlamaContext has no native sampleToken (written against node-llama-cpp 3.22.1, ${installedNodeLlamaCppVersion()} is installed)`,
    );
    expect(() => nativeSampler({} as LlamaModel, { temperature: 1, topK: 40, topP: 1, seed: 1 })).toThrow(
      /LlamaModel has no native sampler \(written against node-llama-cpp 3\.22\.1/,
    );
  });

  it("reads the installed version from the package, and refuses another one with the way back", () => {
    expect(installedNodeLlamaCppVersion()).toBe(NODE_LLAMA_CPP_WRITTEN_FOR);
    expect(() => checkNodeLlamaCppVersion()).not.toThrow();
    const error = (() => {
      try {
        checkNodeLlamaCppVersion("3.23.0");
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(NodeLlamaCppInternalsError);
    expect(error!.name).toBe("NodeLlamaCppInternalsError");
    expect(error!.message).toContain("written against node-llama-cpp 3.22.1, 3.23.0 is installed");
    expect(error!.message).toContain("npm install --save-exact node-llama-cpp@3.22.1");
  });

  it("the probe checks what each handle returns, not only that it exists", async () => {
    await expect(probeHandles(fakeNative(), sampler, 1 as Token)).resolves.toBeUndefined();
    const cases: [Partial<Record<keyof NativeContext, unknown>>, string][] = [
      [{ addToBatch: () => [0] }, "native addToBatch returned Array, not a Uint32Array of one logit row"],
      [{ decodeBatch: () => undefined }, "native decodeBatch returned undefined, not a promise"],
      [{ decodeBatch: () => Promise.resolve(0) }, "native decodeBatch returned number, not a promise of nothing"],
      [{ sampleToken: () => 7 }, "native sampleToken returned number, not a promise"],
      [{ sampleToken: () => Promise.resolve({ token: 7 }) }, "native sampleToken returned Object, not a promise of a token id"],
      [{ disposeSequence: () => true }, "native disposeSequence returned boolean, not nothing"],
    ];
    for (const [override, message] of cases) {
      await expect(probeHandles(fakeNative(override), sampler, 1 as Token)).rejects.toThrow(message);
    }
  });
});
