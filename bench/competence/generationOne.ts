/**
 * A measuring tool, not a product metric (the clinical-correctness panel is the product's): trains
 * generation 1 of a model on the embedded dataset's train split as the demo does, generates for
 * held-out (test-split) prompts through the product's generation path, and reads the outputs
 * against the physicians' conclusions of the same records.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../electron/core/db/openDatabase";
import { DEFAULT_SYNTH } from "../../electron/core/data/synth";
import { importSynthetic } from "../../electron/core/data/importing/importSynthetic";
import { createSplit } from "../../electron/core/data/split/createSplit";
import { realPairs, type RealPair } from "../../electron/core/experiments/studyData";
import { DEFAULT_STOPS, DEFAULT_TEMPLATES, renderAnswer, renderPrompt } from "../../electron/core/experiments/promptTemplate";
import { maxEuCategory } from "../../electron/core/data/tirads";
// the product's own definitions (docs/metrics.md), so the tool's figures are the panel's
import { chrf } from "../../electron/core/metrics/chrf";
import { isWellFormed } from "../../electron/core/metrics/clinicalPanel";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { generateSamples, type GeneratedSample } from "../../electron/core/generate/generateSamples";

export type GenerationOneSettings = {
  pairs: number;
  epochs: number;
  lr: number;
  rank: number;
  alpha: number;
  valFraction: number;
  trainContext: number;
  maxTokens: number;
  prompts: number;
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
  /** the trainer's `pack`: pairs packed whole into the training windows (a study's train.packPairs) */
  pack?: boolean;
};

export type Figures = { wellFormed: number; presence: number; consistency: number | null; chrF: number; n: number };
export type Competence = {
  model: Figures;
  physicians: Figures;
  baselineChrF: number;
  trainSeconds: number;
  /** the trainer's validation loss (nats per answer token) after training, and its steps */
  valLoss: number | null;
  trainSteps: number;
  generateSeconds: number;
  samples: { prompt: string; output: string; physician: string; finishReason: string }[];
};

/** The embedded dataset (seed 42) and its split, as the demo imports them; pairs picked as a study picks them. */
export async function embeddedSplit(dir: string, train: number, test: number): Promise<{ train: RealPair[]; test: RealPair[]; trainAll: RealPair[] }> {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, "lab.sqlite"));
  try {
    const { report } = await importSynthetic(db, { ...DEFAULT_SYNTH, dir });
    const split = createSplit(db, { datasetId: report.datasetId, seed: DEFAULT_SYNTH.seed });
    const pick = (part: "train" | "test", limit: number | null) =>
      realPairs(db, { datasetId: report.datasetId, splitId: split.splitId, part, limit, seed: DEFAULT_SYNTH.seed });
    return { train: pick("train", train), test: pick("test", test), trainAll: pick("train", null) };
  } finally {
    db.close();
  }
}

export function figures(outputs: { output: string; cut: boolean; description: string; physician: string }[]): Figures {
  const named = outputs.filter((o) => maxEuCategory(o.output) !== null);
  const agree = named.filter((o) => maxEuCategory(o.output) === maxEuCategory(o.description));
  return {
    wellFormed: outputs.filter((o) => isWellFormed(o.output, o.cut ? "maxTokens" : "eogToken")).length / outputs.length,
    presence: named.length / outputs.length,
    consistency: named.length ? agree.length / named.length : null,
    chrF: outputs.reduce((s, o) => s + chrf(o.output, o.physician), 0) / outputs.length,
    n: outputs.length,
  };
}

/** Trains generation 1 on `pairs` train-split pairs and reads its outputs on test-split prompts. */
export async function measureGenerationOne(args: {
  modelPath: string;
  dir: string;
  settings: GenerationOneSettings;
  threads?: number;
  log?: (m: string) => void;
}): Promise<Competence> {
  const { settings: s, dir } = args;
  const split = await embeddedSplit(join(dir, "data"), s.pairs, s.prompts);
  const template = DEFAULT_TEMPLATES.conclusion;
  const data = join(dir, "pairs.jsonl");
  writeFileSync(data, split.train.map((r) => JSON.stringify({ prompt: renderPrompt(template, r), answer: renderAnswer("conclusion", r) })).join("\n") + "\n");
  const adapter = join(dir, "m1.gguf");
  const t0 = performance.now();
  const trained = await TrainerProcess.run(
    "lora",
    {
      base: args.modelPath,
      train: data,
      val_fraction: s.valFraction,
      out: adapter,
      rank: s.rank,
      alpha: s.alpha,
      lr: s.lr,
      lr_min: s.lr / 10,
      schedule: "cosine",
      epochs: s.epochs,
      ctx: s.trainContext,
      seed: s.seed,
      ...(s.pack ? { pack: true } : {}),
    },
    {
      ...(args.threads ? { threads: args.threads } : {}),
      onProgress: (p) => p.phase === "train" && p.step % 50 === 0 && args.log?.(`lora ${p.step}/${p.steps} loss ${p.loss?.toFixed(3)}`),
    },
  );
  const trainSeconds = (performance.now() - t0) / 1000;
  const g = await generateSamples({
    modelPath: args.modelPath,
    loraPath: adapter,
    prompts: split.test.map((r, i) => ({ id: i, prompt: renderPrompt(template, r) })),
    seed: s.seed,
    temperature: s.temperature,
    topP: s.topP,
    topK: s.topK,
    maxTokens: s.maxTokens,
    stop: DEFAULT_STOPS.conclusion,
    sequences: 16,
    batching: "shared",
    contextSize: 1024,
    ...(args.threads ? { threads: args.threads } : {}),
  });
  const out = g.samples.map((x: GeneratedSample, i) => ({
    output: x.output.trim(),
    cut: x.finishReason === "maxTokens" || x.finishReason === "contextFull",
    description: split.test[i]!.description,
    physician: split.test[i]!.conclusion,
    finishReason: x.finishReason,
    prompt: x.prompt,
  }));
  const counts = new Map<string, number>();
  for (const r of split.trainAll) counts.set(r.conclusion, (counts.get(r.conclusion) ?? 0) + 1);
  const trivial = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  return {
    model: figures(out),
    physicians: figures(out.map((o) => ({ ...o, output: o.physician, cut: false }))),
    baselineChrF: out.reduce((sum, o) => sum + chrf(trivial, o.physician), 0) / out.length,
    trainSeconds,
    valLoss: trained.val_loss,
    trainSteps: trained.steps,
    generateSeconds: g.seconds,
    samples: out.map((o) => ({ prompt: o.prompt, output: o.output, physician: o.physician, finishReason: o.finishReason })),
  };
}
