import { statSync } from "node:fs";
import { GgmlType, readGgufFileInfo } from "node-llama-cpp";
import type { ModelInfo } from "../../shared/domain/models";
import { ApiError } from "../../shared/api/errors";
import { ModelFileError } from "./ModelFileError";
import { tensorBytes } from "./tensorBytes";

/**
 * The weight matrices llama.cpp's CPU backend copies into a repacked buffer at load on an x86 CPU
 * with AVX2 (ggml-cpu/repack.cpp: these types, rows a multiple of 8, used by a matrix product), while
 * their pages of the mapped file stay resident too (docs/memory.md).
 */
const REPACKED_TYPES = new Set(["Q4_0", "Q4_K", "IQ4_NL", "MXFP4"]);
const MATRIX = /^(blk\.\d+\.(attn_q|attn_k|attn_v|attn_output|ffn_gate|ffn_up|ffn_down)|output)\.weight$/;

const num = (v: unknown): number | null => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : null);

/** Reads a GGUF's header (no weights are loaded); errors name the file. */
export async function readModelInfo(path: string, options: { signal?: AbortSignal } = {}): Promise<ModelInfo> {
  let fileSize: number;
  try {
    fileSize = statSync(path).size;
  } catch {
    throw new ApiError("not-found", `model file not found: ${path}`, "path");
  }
  let info;
  try {
    info = await readGgufFileInfo(path, {
      readTensorInfo: true,
      logWarnings: false,
      ignoreKeys: ["tokenizer.ggml.merges", "tokenizer.ggml.scores", "tokenizer.ggml.token_type"],
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ModelFileError("not-gguf", `${path} is not a readable GGUF file (${(error as Error).message}); a download cut short, or not a GGUF at all`);
  }
  const meta = info.metadata as unknown as Record<string, Record<string, unknown> | undefined>;
  const general = (meta.general ?? {}) as Record<string, unknown>;
  const arch = String(general.architecture ?? "unknown");
  const a = info.architectureMetadata as unknown as Record<string, unknown>;
  const attention = (a.attention ?? {}) as Record<string, unknown>;
  const rope = (a.rope ?? {}) as Record<string, unknown>;
  const tokenizer = ((meta.tokenizer as Record<string, unknown> | undefined)?.ggml ?? {}) as Record<string, unknown>;
  const tensorTypes: Record<string, number> = {};
  let parameters = 0;
  let maxRank: number | null = null;
  let weightBytes: number | null = 0;
  let repackedBytes = 0;
  let dataEnd = 0;
  for (const t of info.tensorInfo ?? []) {
    const type = GgmlType[t.ggmlType] ?? String(t.ggmlType);
    tensorTypes[type] = (tensorTypes[type] ?? 0) + 1;
    const elements = t.dimensions.reduce<number>((p, d) => p * Number(d), 1);
    parameters += elements;
    const bytes = tensorBytes(type, elements);
    weightBytes = bytes === null || weightBytes === null ? null : weightBytes + bytes;
    if (bytes !== null) dataEnd = Math.max(dataEnd, Number(t.fileOffset) + bytes);
    if (bytes !== null && REPACKED_TYPES.has(type) && MATRIX.test(t.name) && Number(t.dimensions[1] ?? 0) % 8 === 0) repackedBytes += bytes;
    if (t.name.endsWith(".lora_a")) maxRank = Math.max(maxRank ?? 0, Number(t.dimensions[1] ?? 0));
  }
  // the header reads fine when only the weights were cut off: the last tensor must end inside the file
  if (dataEnd > fileSize)
    throw new ModelFileError(
      "truncated",
      `${path} is truncated: its tensors need ${dataEnd.toLocaleString("en-US")} bytes, the file has ${fileSize.toLocaleString("en-US")}; download or copy it again`,
    );
  // the weight type of the big matrices, not of the norms
  const weightTypes = Object.entries(tensorTypes).filter(([t]) => t !== "F32" || Object.keys(tensorTypes).length === 1);
  const quantization = (weightTypes.sort((x, y) => y[1] - x[1])[0] ?? ["F32"])[0];
  const heads = num(attention.head_count);
  const kvHeads = num(attention.head_count_kv) ?? heads;
  const isAdapter = general.type === "adapter";
  const tokens = tokenizer.tokens as unknown[] | undefined;
  const chatTemplate = (meta.tokenizer as Record<string, unknown> | undefined)?.chat_template;
  return {
    kind: isAdapter ? "adapter" : "model",
    architecture: arch,
    name: typeof general.name === "string" ? general.name : null,
    parameters,
    layers: num(a.block_count),
    embeddingSize: num(a.embedding_length),
    feedForwardSize: num(a.feed_forward_length),
    heads,
    kvHeads,
    gqaRatio: heads && kvHeads ? heads / kvHeads : null,
    slidingWindow: num(attention.sliding_window),
    ropeFreqBase: num(rope.freq_base),
    contextLength: num(a.context_length),
    vocabularyType: typeof tokenizer.model === "string" ? tokenizer.model : null,
    vocabularySize: tokens ? tokens.length : num(a.vocab_size),
    quantization,
    tensorTypes,
    fileSize,
    loraAlpha: num(((meta.adapter as Record<string, unknown> | undefined)?.lora as Record<string, unknown> | undefined)?.alpha),
    loraRank: maxRank,
    ...(weightBytes !== null ? { weightBytes, repackedBytes } : {}),
    chatTemplate: typeof chatTemplate === "string" && chatTemplate.trim() ? chatTemplate : null,
    ...(num(a.expert_count) ? { experts: num(a.expert_count)! } : {}),
  };
}
