/**
 * The text the GPU check trains and evaluates on (bench/gpu/data/), written here because the lent GPU
 * machine has no Node: the product's synthetic reports, rendered as a study renders them (the
 * conclusion template). `npx tsx bench/gpu/writeData.ts` rewrites the same files (seeded).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "../../electron/core/data/synth";
import { DEFAULT_TEMPLATES, toTrainingPair } from "../../electron/core/experiments/promptTemplate";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "data");
const TRAIN = 128;
const HELDOUT = 64;

const corpus = generateCorpus({ records: TRAIN + HELDOUT, seed: 20 });
const pairs = corpus.map((r) => JSON.stringify(toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", r)));
mkdirSync(DIR, { recursive: true });
writeFileSync(join(DIR, "train.jsonl"), pairs.slice(0, TRAIN).join("\n") + "\n");
writeFileSync(join(DIR, "heldout.jsonl"), pairs.slice(TRAIN).join("\n") + "\n");
// llama-perplexity reads plain text: the same held-out reports, whole
writeFileSync(
  join(DIR, "heldout.txt"),
  corpus
    .slice(TRAIN)
    .map((r) => `Описание: ${r.description}\nЗаключение: ${r.conclusion}\n`)
    .join("\n"),
);
