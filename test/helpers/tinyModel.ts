import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { bundledVocab } from "../../native/scripts/build";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { locateTrainer } from "../../electron/core/train/locateTrainer";
import type { InitConfig } from "../../electron/core/train/trainerConfig";
import { generateCorpus } from "../../electron/core/data/synth";
import { renderTrainingPair } from "./trainingPairs";
import { requireTier } from "./testTier";

const CACHE = join(tmpdir(), "collapse-lab-test-models");

let trainerId: string | null = null;

/** The trainer binary's own hash: a rebuilt trainer must not be tested against models an older one wrote. */
export function trainerFingerprint(): string {
  trainerId ??= createHash("sha256").update(readFileSync(locateTrainer())).digest("hex").slice(0, 16);
  return trainerId;
}

/**
 * A tiny random llama model, cached across tests by its recipe and the trainer that made it: by default with a
 * SentencePiece vocabulary; "llama-bpe" gives it Llama 3's (128k tokens, its chat markers among the special tokens).
 */
export async function tinyModel(overrides: Partial<InitConfig> = {}, vocab: "llama-spm" | "llama-bpe" = "llama-spm"): Promise<string> {
  requireTier("native", "tinyModel() (the native trainer)");
  mkdirSync(CACHE, { recursive: true });
  const recipe = {
    n_embd: 64,
    n_layer: 2,
    n_head: 4,
    n_head_kv: 1,
    n_ff: 128,
    n_ctx_train: 256,
    rope_freq_base: 10000,
    seed: 1,
    type: "f32" as const,
    ...overrides,
  };
  const out = join(CACHE, `tiny-${Object.values(recipe).join("-")}${vocab === "llama-spm" ? "" : `-${vocab}`}-trainer-${trainerFingerprint()}.gguf`);
  if (!existsSync(out)) await TrainerProcess.run("init", { ...recipe, vocab: bundledVocab(vocab), out });
  return out;
}

/** prompt/answer pairs from the synthetic corpus, as JSON Lines. */
export function writePairs(dir: string, name: string, records: number, seed: number): string {
  const file = join(dir, name);
  const lines = generateCorpus({ records, seed }).map((r) => JSON.stringify(renderTrainingPair(r.description, r.conclusion)));
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}
