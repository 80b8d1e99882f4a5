import { z } from "zod";

/**
 * A study, as one JSON/YAML file: what `lab run study.yaml` runs and what the desktop app saves.
 * Every field has a default except the name and the models, so a minimal file is two lines.
 */
export const DESIGNS = ["recursive", "cross", "accumulate", "accumulate-subsample", "real-fraction"] as const;
export type Design = (typeof DESIGNS)[number];

export const PROMPT_FORMATS = ["plain", "chat-template"] as const;
export type PromptFormat = (typeof PROMPT_FORMATS)[number];

export const TrainSettingsSchema = z
  .object({
    rank: z.number().int().min(1).max(256).default(8),
    alpha: z.number().positive().default(16),
    targets: z
      .array(z.enum(["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down", "output"]))
      .min(1)
      .default(["attn_q", "attn_k", "attn_v", "attn_output", "ffn_gate", "ffn_up", "ffn_down"]),
    learningRate: z.number().positive().max(1).default(1e-3),
    schedule: z.enum(["constant", "linear", "cosine"]).default("cosine"),
    epochs: z.number().int().min(1).max(100).default(2),
    /**
     * tokens per training window; null = the mode's default (promptTemplate.ts): 256 for a conclusion,
     * 512 for a whole report. A multiple of 256: llama.cpp pads a context to one, and a training
     * window fills its context, so the trainer refuses any other size (native/README.md)
     */
    contextSize: z
      .number()
      .int()
      .min(256)
      .max(32768)
      .multipleOf(256, "must be a multiple of 256 (the trainer's windows fill whole llama.cpp contexts)")
      .nullable()
      .default(null),
    valFraction: z.number().min(0).max(0.5).default(0.1),
    /**
     * Pairs packed whole into the training windows, as many as fit (the trainer's `pack`), instead
     * of one pair and its padding per window: a conclusion pair fills about half of a 512-token
     * window, so an epoch takes about half the steps and half the time. Each step then averages
     * the loss over several pairs, and an answer can attend to the pairs before it in its window.
     * Off by default, so a stored study trains as it was created.
     */
    packPairs: z.boolean().default(false),
  })
  .strict();

export const GenerateSettingsSchema = z
  .object({
    mode: z.enum(["conclusion", "report"]).default("conclusion"),
    temperature: z.number().min(0).max(5).default(1),
    /**
     * Truncation of the sampled distribution, off by default: top-p 1 and top-k 0 sample the
     * model's whole distribution (Shumailov et al., Kazdan et al.); cutting its tail every
     * generation is itself a cause of collapse. Lower top-p or a top-k > 0 truncate it.
     */
    topP: z.number().gt(0).max(1).default(1),
    topK: z.number().int().min(0).default(0),
    /**
     * "auto": derived when a generation runs from its model's tokenizer and the study's train split
     * (autoMaxTokens.ts): room for at least 99 % of the physicians' answers, with a quarter more
     */
    maxTokens: z.union([z.number().int().min(1).max(4096), z.literal("auto")]).default("auto"),
    /**
     * An output cut at maxTokens (or by a full context) is no finished answer. "exclude": it stays
     * stored, flagged, and measured, but no later generation trains on it (that training set is
     * smaller by the count, shown as cut_share and in the train job's output); "keep": it is
     * trained on as written, still flagged (finishReason in samples.jsonl) and counted.
     */
    cutOutputs: z.enum(["exclude", "keep"]).default("exclude"),
    /** null = the mode's default (promptTemplate.ts): the end of the line for a conclusion, a blank line for a report */
    stop: z.array(z.string().min(1)).nullable().default(null),
    /** samples generated at the same time */
    sequences: z.number().int().min(1).max(256).default(16),
    /**
     * shared: one batched context decoding the samples in lockstep, reproducible for the same
     * `sequences`, the faster one on CPUs and GPUs alike; lanes: one context per parallel sample,
     * bit-reproducible whatever `sequences` and threads, decoded one context at a time where the
     * process runs with GENERATION_ENV. Neither depends on the thread count (openSlots)
     */
    batching: z.enum(["lanes", "shared"]).default("shared"),
    contextSize: z.number().int().min(64).max(32768).default(512),
    /** null = the mode's default template */
    promptTemplate: z.string().min(1).nullable().default(null),
    /**
     * "plain": the prompt is the template's text as it is; "chat-template": that text is one user
     * turn rendered through each model's own chat template (the GGUF's tokenizer.chat_template,
     * stored with the study), with the assistant's turn opened. Training, generation and held-out
     * evaluation all use the same rendered text. Off by default: base models have no chat turns.
     */
    promptFormat: z.enum(PROMPT_FORMATS).default("plain"),
  })
  .strict();

export type Batching = z.infer<typeof GenerateSettingsSchema>["batching"];

export const StudySpecSchema = z
  .object({
    name: z.string().trim().min(1, "a study needs a name"),
    /** dataset id or name; default: the newest dataset */
    dataset: z
      .union([z.number().int().positive(), z.string().min(1)])
      .nullable()
      .default(null),
    splitSeed: z.number().int().min(0).default(42),
    /** one or two registered models (name or path); cross needs exactly two */
    models: z.array(z.string().min(1)).min(1, "a study needs at least one model").max(2, "a study compares at most two models"),
    designs: z.array(z.enum(DESIGNS)).min(1).default(["recursive"]),
    generations: z.number().int().min(1).max(20).default(5),
    seeds: z.array(z.number().int().min(0)).min(1).default([1]),
    /** generation k+1 starts from the base model (Shumailov et al.) or continues generation k's adapter */
    startFrom: z.enum(["base", "previous"]).default("base"),
    /** the training set of every generation has this many pairs (a seeded subsample of the train split); null = all */
    trainRecords: z.number().int().min(1).nullable().default(null),
    /** held-out real pairs (test split) for perplexity and metrics; null = all */
    evalRecords: z.number().int().min(1).nullable().default(null),
    /** real-fraction design: the fractions of real data to sweep */
    realFractions: z.array(z.number().min(0).max(1)).min(1).default([0.5]),
    /** accumulate-subsample: pool size per generation; null = the size of the real training set */
    subsampleSize: z.number().int().min(1).nullable().default(null),
    train: TrainSettingsSchema.default(TrainSettingsSchema.parse({})),
    generate: GenerateSettingsSchema.default(GenerateSettingsSchema.parse({})),
    metrics: z
      .object({
        bootstrap: z.number().int().min(0).max(10000).default(1000),
        noiseFloorSeeds: z.number().int().min(1).max(100).default(5),
      })
      .strict()
      .default({ bootstrap: 1000, noiseFloorSeeds: 5 }),
    /**
     * Jobs run side by side, each with its share of the CPU cores (one thread each on 2 cores): a
     * small model's trainer gains little from a second thread, so two one-thread jobs do about 1.4
     * times the work of one two-thread job. Each running job holds its own memory, so the study's
     * memory check counts this many jobs at once. 1 for a large model.
     */
    parallelJobs: z.number().int().min(1).max(8).default(1),
  })
  .strict()
  // params.rule names each cross-field rule, so a window can say it in its own language
  .superRefine((spec, ctx) => {
    if (spec.designs.includes("cross") && spec.models.length !== 2) {
      ctx.addIssue({ code: "custom", path: ["designs"], message: "the cross design needs exactly two models", params: { rule: "crossNeedsTwoModels" } });
    }
    if (new Set(spec.designs).size !== spec.designs.length)
      ctx.addIssue({ code: "custom", path: ["designs"], message: "a design is listed twice", params: { rule: "designTwice" } });
    if (new Set(spec.seeds).size !== spec.seeds.length)
      ctx.addIssue({ code: "custom", path: ["seeds"], message: "a seed is listed twice", params: { rule: "seedTwice" } });
  });

export type StudySpec = z.infer<typeof StudySpecSchema>;
export type StudySpecInput = z.input<typeof StudySpecSchema>;
export type TrainSettings = z.infer<typeof TrainSettingsSchema>;
export type GenerateSettings = z.infer<typeof GenerateSettingsSchema>;

export class StudySpecError extends Error {
  constructor(
    readonly source: string,
    readonly issues: { path: string; message: string }[],
  ) {
    super(`${source}: ${issues.map((i) => `${i.path || "(top level)"}: ${i.message}`).join("; ")}`);
    this.name = "StudySpecError";
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}

/** Validates a parsed study description; errors name every offending field. */
export function parseStudySpec(value: unknown, source = "study"): StudySpec {
  const result = StudySpecSchema.safeParse(value);
  if (result.success) return result.data;
  throw new StudySpecError(
    source,
    result.error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })),
  );
}
