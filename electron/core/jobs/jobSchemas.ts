import { z } from "zod";
import { MeasuredDesignSchema } from "../../shared/domain/design";
import type { JobKind } from "../../shared/domain/jobs";
import { PROMPT_FORMATS } from "../../shared/domain/study";

/** The training data of one generation: real pairs and/or the outputs of earlier generate jobs. */
export const DataSourceSchema = z.strictObject({
  /** share of the real training pairs taken (1 = all of them, 0 = none) */
  real: z.number().min(0).max(1),
  /** generate jobs whose (prompt, output) pairs are pooled */
  synthetic: z.array(z.string()),
  /** fixed training-set size; null = everything listed */
  size: z.int().min(1).nullable(),
  /**
   * how a fixed size is reached: "uniform" subsamples the whole pool (accumulate-subsample);
   * "real-share" keeps `real × size` real pairs and fills the rest with synthetic pairs of other
   * prompts (real-fraction). Ignored when size is null.
   */
  sampling: z.enum(["uniform", "real-share"]),
});

const modelIndex = z.int().min(0);
const seed = z.int().min(0);

const TrainParamsSchema = z.strictObject({ model: modelIndex, seed, generation: z.int().min(1), data: DataSourceSchema, initFrom: z.string().nullable() });
/** Which prompts a generation wrote for: its training prompts (the next generation's corpus) or the fixed held-out ones. */
export const PromptSetSchema = z.enum(["train", "heldout"]);
/**
 * prompts "heldout": the study's fixed held-out prompts (test split); absent in jobs planned before there were two sets.
 * again: generation 1 sampled a second time from the same adapter with another sampling seed (the floor of KL vs M1).
 */
const GenerateParamsSchema = z.strictObject({
  model: modelIndex,
  seed,
  generation: z.int().min(1),
  train: z.string(),
  prompts: PromptSetSchema.optional(),
  again: z.boolean().optional(),
});
const EvaluateParamsSchema = z.strictObject({ model: modelIndex, train: z.string().nullable() });
const MetricsParamsSchema = z.strictObject({
  design: MeasuredDesignSchema,
  chain: z.string(),
  model: modelIndex,
  seed,
  generation: z.int().min(0),
  generate: z.string().nullable(),
  evaluate: z.string(),
  /** generation 1 of the same model and seed: the paper's "M1 → Mk" reference */
  m1: z.string().nullable(),
  /** the same generation's (and M1's) outputs for the held-out prompts; absent in jobs planned before them */
  heldout: z.string().nullable().optional(),
  m1Heldout: z.string().nullable().optional(),
  /** the generation's train job: its pairs and steps are stored as metric points (absent for generation 0) */
  train: z.string().nullable().optional(),
  /** generation 1 sampled again (GenerateParams.again): the noise floor of KL vs M1; absent in studies planned before it */
  m1Again: z.string().nullable().optional(),
});

// Outputs are read by later jobs; unknown fields are kept so an older or newer build's extras survive.
const TrainOutputSchema = z.looseObject({
  adapter: z.string(),
  sha256: z.string(),
  trainLoss: z.number(),
  valLoss: z.number().nullable(),
  initialValLoss: z.number().nullable(),
  pairs: z.int(),
  /** synthetic outputs cut at maxTokens left out of the training set (generate.cutOutputs "exclude"); absent in outputs stored before */
  cutExcluded: z.int().optional(),
  tokensPerSecond: z.number(),
  seconds: z.number(),
  /** optimiser steps (absent in outputs stored before it was kept): plain accumulate's grow with the generation */
  steps: z.int().optional(),
});
const GenerateOutputSchema = z.looseObject({
  samples: z.int(),
  /** the prompt set written for, the maxTokens used, and how many outputs were cut at it; absent in outputs stored before */
  prompts: PromptSetSchema.optional(),
  maxTokens: z.int().optional(),
  cut: z.int().optional(),
  generatedTokens: z.int(),
  tokensPerSecond: z.number(),
  seconds: z.number(),
  /** of `seconds`, the model's load, thread choice and contexts (absent in outputs stored before) */
  setupSeconds: z.number().optional(),
  backend: z.looseObject({ gpu: z.union([z.string(), z.literal(false)]) }),
  promptTemplate: z.string(),
  /** how the template's text reached the model (absent in outputs stored before: "plain") */
  promptFormat: z.enum(PROMPT_FORMATS).optional(),
  stop: z.array(z.string()),
});
const EvaluateOutputSchema = z.looseObject({
  perplexity: z.number(),
  meanNll: z.number(),
  tokens: z.int(),
  items: z.int(),
  /** every token the evaluation decoded (prompts included) and its seconds, the model's load left out (absent in outputs stored before) */
  processedTokens: z.int().optional(),
  seconds: z.number().optional(),
  /** per held-out pair, for perplexity's bootstrap interval (absent in outputs stored before it) */
  perItem: z.array(z.strictObject({ tokens: z.int(), sumLogprob: z.number() })).optional(),
});
const MetricsOutputSchema = z.looseObject({ metrics: z.int() });

/** Per job kind: what its params and its output are. The runner checks both when it reads them back. */
export const JOB_SCHEMAS = {
  train: { params: TrainParamsSchema, output: TrainOutputSchema },
  generate: { params: GenerateParamsSchema, output: GenerateOutputSchema },
  evaluate: { params: EvaluateParamsSchema, output: EvaluateOutputSchema },
  metrics: { params: MetricsParamsSchema, output: MetricsOutputSchema },
} satisfies Record<JobKind, { params: z.ZodType; output: z.ZodType }>;

export type DataSource = z.infer<typeof DataSourceSchema>;
export type PromptSet = z.infer<typeof PromptSetSchema>;
export type ParamsOf<K extends JobKind> = z.infer<(typeof JOB_SCHEMAS)[K]["params"]>;
export type OutputOf<K extends JobKind> = z.infer<(typeof JOB_SCHEMAS)[K]["output"]>;
export type TrainParams = ParamsOf<"train">;
export type GenerateParams = ParamsOf<"generate">;
export type EvaluateParams = ParamsOf<"evaluate">;
export type MetricsParams = ParamsOf<"metrics">;
export type TrainOutput = OutputOf<"train">;
export type GenerateOutput = OutputOf<"generate">;
export type EvaluateOutput = OutputOf<"evaluate">;
export type MetricsOutput = OutputOf<"metrics">;

/** A job of one kind with its params: the discriminated union the planner writes and the runner reads. */
export type TypedJob = { [K in JobKind]: { key: string; kind: K; deps: string[]; params: ParamsOf<K> } }[JobKind];

export class StoredJobError extends Error {
  constructor(
    readonly jobKey: string,
    what: string,
    issues: string,
  ) {
    super(`job ${jobKey}: its stored ${what} are not what this build expects (${issues}); the workspace may come from another version`);
    this.name = "StoredJobError";
  }
}

function parseStored<S extends z.ZodType>(schema: S, json: string | null, jobKey: string, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = json === null ? null : JSON.parse(json);
  } catch {
    throw new StoredJobError(jobKey, what, "not JSON");
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new StoredJobError(jobKey, what, result.error.issues.map((i) => `${i.path.join(".") || "(value)"}: ${i.message}`).join("; "));
}

/** A stored job's params, checked against its kind's schema. */
export function readJobParams<K extends JobKind>(row: { key: string; kind: K; params_json: string }): ParamsOf<K> {
  return parseStored(JOB_SCHEMAS[row.kind].params, row.params_json, row.key, "params") as ParamsOf<K>;
}

/** A finished job's output, checked against its kind's schema. */
export function readJobOutput<K extends JobKind>(row: { key: string; kind: K; output_json: string | null }): OutputOf<K> {
  return parseStored(JOB_SCHEMAS[row.kind].output, row.output_json, row.key, "output") as OutputOf<K>;
}
