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
  loraAlpha: number | null;
  loraRank: number | null;
};
