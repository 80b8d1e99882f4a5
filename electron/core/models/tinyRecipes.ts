import type { InitConfig } from "../train/trainerConfig";

/**
 * The tiny models of the embedded default, mirroring what distinguishes the paper's two models.
 * Read from their published configurations (config.json), not from the paper, which says LLaMA-3
 * has no grouped-query attention — it has, with the same ratio as Mistral:
 *
 * |                     | Mistral-7B-v0.1        | Meta-Llama-3-8B          |
 * |---------------------|------------------------|--------------------------|
 * | vocabulary          | 32,000 SentencePiece   | 128,256 byte-level BPE   |
 * | heads / KV heads    | 32 / 8 (GQA 4:1)       | 32 / 8 (GQA 4:1)         |
 * | rope_theta          | 10,000                 | 500,000                  |
 * | sliding window      | 4,096                  | none                     |
 * | hidden / FFN        | 4,096 / 14,336         | 4,096 / 14,336           |
 *
 * The tiny versions keep the vocabularies (the bundle's real tokenizers), the GQA ratio, the rope
 * bases and the FFN ratio (3.5), at 64 dimensions and 2 layers. The sliding window is scaled to
 * half the tiny context; llama.cpp records it but its llama architecture does not apply it.
 * LLaMA-3's 128k vocabulary makes its embedding and output layers 4× Mistral's: it trains and
 * generates about 4× slower, which the demo's settings account for.
 */
export type TinyRecipe = {
  name: "tiny-mistral" | "tiny-llama3";
  vocab: "llama-spm" | "llama-bpe";
  init: Omit<InitConfig, "out" | "vocab">;
  /** reports of the synthetic corpus used for pretraining, and its settings */
  pretrain: { records: number; epochs: number; lr: number; ctx: number };
};

export const TINY_RECIPES: readonly TinyRecipe[] = [
  {
    name: "tiny-mistral",
    vocab: "llama-spm",
    init: { n_embd: 64, n_layer: 2, n_head: 4, n_head_kv: 1, n_ff: 224, n_ctx_train: 512, rope_freq_base: 10000, sliding_window: 256, seed: 7, type: "f32", name: "tiny-mistral" },
    pretrain: { records: 800, epochs: 1, lr: 1e-3, ctx: 256 },
  },
  {
    name: "tiny-llama3",
    vocab: "llama-bpe",
    init: { n_embd: 64, n_layer: 2, n_head: 4, n_head_kv: 1, n_ff: 224, n_ctx_train: 512, rope_freq_base: 500000, seed: 8, type: "f32", name: "tiny-llama3" },
    pretrain: { records: 300, epochs: 1, lr: 1e-3, ctx: 256 },
  },
];
