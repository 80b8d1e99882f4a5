/** The architecture facts of a GGUF file that the paper's argument rests on. */
export type ModelInfo = {
  kind: "model" | "adapter";
  architecture: string;
  name: string | null;
  parameters: number;
  layers: number | null;
  embeddingSize: number | null;
  feedForwardSize: number | null;
  heads: number | null;
  kvHeads: number | null;
  /** heads per KV head: 1 = multi-head attention, > 1 = grouped-query attention */
  gqaRatio: number | null;
  slidingWindow: number | null;
  ropeFreqBase: number | null;
  contextLength: number | null;
  vocabularyType: string | null;
  vocabularySize: number | null;
  /** the most common weight type, e.g. Q4_K, and the count of tensors per type */
  quantization: string;
  tensorTypes: Record<string, number>;
  fileSize: number;
  /** bytes of all tensors by their GGUF types (quantised blocks included); absent in models registered before it was read */
  weightBytes?: number;
  /** of weightBytes, the matrices llama.cpp's CPU backend holds a repacked copy of beside the mapped file (Q4_0, Q4_K, IQ4_NL, MXFP4 on x86 with AVX2); absent in models registered before it was read */
  repackedBytes?: number;
  /** the GGUF's tokenizer.chat_template (a Jinja template), when it carries one */
  chatTemplate?: string | null;
  /** experts per layer of a mixture-of-experts model (Mixtral is llama-architecture with experts) */
  experts?: number;
  loraAlpha: number | null;
  loraRank: number | null;
};

/** What the native trainer trains (model_load.cpp): llama.cpp's llama architecture, which Mistral GGUFs use too. */
export const TRAINABLE_ARCHITECTURES = ["llama", "mistral"] as const;

export type UntrainableReason = { kind: "unsupported-architecture" | "mixture-of-experts"; message: string };

/** Why the trainer cannot train this model, or null when it can. */
export function untrainableReason(info: ModelInfo): UntrainableReason | null {
  if (!(TRAINABLE_ARCHITECTURES as readonly string[]).includes(info.architecture))
    return {
      kind: "unsupported-architecture",
      message: `its architecture "${info.architecture}" is not one the trainer supports (${TRAINABLE_ARCHITECTURES.join(", ")}; Mistral GGUFs converted by llama.cpp are "llama")`,
    };
  if (info.experts)
    return { kind: "mixture-of-experts", message: `it is a mixture of experts (${info.experts} experts per layer), which the trainer does not support` };
  return null;
}
