import type { SynthOptions } from "../data/synth";
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
 * The tiny versions keep the tokenizers (the bundle's real vocabularies, cut to the tokens the
 * corpus uses: the same segmentation of every report at a fraction of the output layer's cost;
 * docs/default-models.md), the GQA ratio and the FFN ratio (3.5), at 128 dimensions and 4 layers.
 * Both take LLaMA-3's rope base: with Mistral-7B-v0.1's 10,000 at 32 dimensions per head,
 * tiny-mistral never learnt to read the category written in a description, in any recipe tried
 * (Mistral-7B-v0.2 and later use 1,000,000; docs/default-models.md). The sliding window is
 * recorded at half the tiny context; llama.cpp's llama architecture does not apply it. Both
 * pretrain on other hospitals' reports rendered as the study's prompt and answer
 * (defaultModelCorpus.ts), so the base models know the task.
 */
export type TinyRecipe = {
  name: "tiny-mistral" | "tiny-llama3";
  vocab: "llama-spm" | "llama-bpe";
  init: Omit<InitConfig, "out" | "vocab">;
  /**
   * Pretraining: `stages` consecutive slices of `stageRecords` reports of the other hospitals'
   * corpus, each one epoch with its own cosine schedule from `lr`, each starting from the last
   * stage's weights. A stopped build resumes at its last finished stage, and every stage is a
   * point on the curve of competence against build time (docs/default-models.md). The
   * vocabulary is fitted to the first `corpusRecords` reports, so a recipe with fewer stages
   * builds the same first stages byte for byte.
   */
  pretrain: {
    corpusRecords: number;
    /** the vocabulary is fitted to the first this many reports (all of the corpus when unset), so stages added after them keep it */
    vocabularyRecords?: number;
    stages: number;
    stageRecords: number;
    epochs: number;
    lr: number;
    ctx: number;
    /**
     * the first stage (1-based) whose loss is on the conclusions only (pretrain's `loss: "answer"`); before it, on whole
     * reports. Alone it raised chrF but not category consistency; with `alwaysNamed` it raised both (docs/default-models.md)
     */
    answerLossFrom?: number;
    /**
     * the stages (1-based, both included) whose reports come from hospitals whose physicians name
     * the highest category in every conclusion of a labelled nodule (recipeTexts); in the others
     * about half do, as in the embedded dataset. Each such conclusion shows the model the
     * description's category again; a last stage of the usual habit brings back how often a
     * conclusion names it (docs/default-models.md).
     */
    alwaysNamed?: {
      from: number;
      to: number;
      /**
       * the share of those hospitals' labels moved from what the findings give by the rules
       * (their graders disagree; the conclusion follows the label), so that the label, not the
       * findings, says the category. Shipped at 1 with `labelShift: "any"`; at 0.3 with one-step
       * shifts it did not make tiny-mistral read the label (docs/default-models.md)
       */
      labelShiftRate?: number;
      /**
       * how far such a label moves (generateCorpus): one step (the default), or to any category 2–5
       * alike, so that the findings say nothing of it, or "highest" (per record). With rope base
       * 500,000, "any" made tiny-mistral read the label; "highest" did not (docs/default-models.md)
       */
      labelShift?: SynthOptions["labelShift"];
      /** how many nodules those hospitals' reports describe (generateCorpus; default the usual mix). More than usual did not help tiny-mistral take the highest of several labels (docs/default-models.md) */
      noduleCounts?: SynthOptions["noduleCounts"];
    };
  };
};

/**
 * Five stages of whole reports (the language of the genre and what a description says), then on the
 * conclusions alone: ten stages of hospitals whose graders draw every label from 2–5 alike and whose
 * physicians name the highest in every conclusion (the label, not the findings, says the category:
 * reading it), one of the usual habit (how often a conclusion names it). Measured in
 * docs/default-models.md: with two such stages tiny-mistral's generation 1 named the description's
 * category about half the time, with ten 0.81–0.84; with fewer whole-report stages before them the
 * models did not learn to take the highest of several labels.
 */
const PRETRAIN: TinyRecipe["pretrain"] = {
  corpusRecords: 48_000,
  vocabularyRecords: 15_000,
  stages: 16,
  stageRecords: 3_000,
  epochs: 1,
  lr: 2e-3,
  ctx: 512,
  answerLossFrom: 6,
  alwaysNamed: { from: 6, to: 15, labelShiftRate: 1, labelShift: "any" },
};

/** The reports stage `stage` (0-based) pretrains on: indexes into the corpus. */
export function stageSlice(recipe: TinyRecipe, stage: number): { from: number; to: number } {
  const { stageRecords, corpusRecords } = recipe.pretrain;
  return { from: stage * stageRecords, to: Math.min(corpusRecords, (stage + 1) * stageRecords) };
}

export const TINY_RECIPES: readonly TinyRecipe[] = [
  {
    name: "tiny-mistral",
    vocab: "llama-spm",
    init: {
      n_embd: 128,
      n_layer: 4,
      n_head: 4,
      n_head_kv: 1,
      n_ff: 448,
      n_ctx_train: 1024,
      rope_freq_base: 500000,
      sliding_window: 512,
      seed: 11,
      type: "f32",
      name: "tiny-mistral",
    },
    pretrain: PRETRAIN,
  },
  {
    name: "tiny-llama3",
    vocab: "llama-bpe",
    init: { n_embd: 128, n_layer: 4, n_head: 4, n_head_kv: 1, n_ff: 448, n_ctx_train: 1024, rope_freq_base: 500000, seed: 8, type: "f32", name: "tiny-llama3" },
    pretrain: PRETRAIN,
  },
];

/** Weights of a recipe's model with a vocabulary of `vocab` tokens (what `init` creates). */
export function recipeParameters(recipe: TinyRecipe, vocab: number): number {
  const { n_embd: d, n_layer, n_head, n_ff } = recipe.init;
  const kv = (d / n_head) * (recipe.init.n_head_kv ?? n_head);
  return 2 * vocab * d + d + n_layer * (2 * d * d + 2 * d * kv + 3 * d * n_ff + 2 * d);
}
