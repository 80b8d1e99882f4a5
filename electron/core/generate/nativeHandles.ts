import type { LlamaContext, LlamaModel, Token } from "node-llama-cpp";

/**
 * What generation uses of node-llama-cpp's native context (its AddonContext, 3.22.1): a batch of
 * tokens for several sequences, one decode, a sample from one row of its logits. Driving these
 * directly, rather than through LlamaCompletion and node-llama-cpp's batch scheduler, puts one
 * decode and one sampling round trip between steps and leaves what goes into each batch to us.
 */
export type NativeContext = {
  initBatch(size: number): void;
  /** the batch's logit rows for `logitIndexes` (positions within `tokens`) */
  addToBatch(sequenceId: number, firstTokenSequenceIndex: number, tokens: Uint32Array, logitIndexes: Uint32Array): Uint32Array;
  decodeBatch(): Promise<void>;
  sampleToken(batchLogitIndex: number, sampler: NativeSampler): Promise<Token | -1>;
  /** drops every KV cell of the sequence */
  disposeSequence(sequenceId: number): void;
};

/** node-llama-cpp's native sampler chain (AddonSampler): top-k, top-p, temperature, then a seeded draw. */
export type NativeSampler = {
  applyConfig(config: { temperature: number; topK: number; topP: number; seed: number }): void;
  dispose(): void;
};

const PINNED = "written against node-llama-cpp 3.22.1";

/** The native context behind a LlamaContext; a named error if this node-llama-cpp keeps it elsewhere. */
export function nativeContext(context: LlamaContext): NativeContext {
  const native = (context as unknown as { _ctx?: Partial<NativeContext> })._ctx;
  for (const method of ["initBatch", "addToBatch", "decodeBatch", "sampleToken", "disposeSequence"] as const) {
    if (typeof native?.[method] !== "function") throw new Error(`generation: node-llama-cpp's LlamaContext has no native ${method} (${PINNED})`);
  }
  return native as NativeContext;
}

/** A new native sampler for the model, configured; a named error if this node-llama-cpp has none. */
export function nativeSampler(model: LlamaModel, config: Parameters<NativeSampler["applyConfig"]>[0]): NativeSampler {
  const internals = model as unknown as { _llama?: { _bindings?: { AddonSampler?: new (model: unknown) => NativeSampler } }; _model?: unknown };
  const AddonSampler = internals._llama?._bindings?.AddonSampler;
  if (typeof AddonSampler !== "function" || internals._model == null) throw new Error(`generation: node-llama-cpp's LlamaModel has no native sampler (${PINNED})`);
  const sampler = new AddonSampler(internals._model);
  sampler.applyConfig(config);
  return sampler;
}
