import { StudySpecSchema, type StudySpec, type StudySpecInput, type Design } from "../../../../electron/shared/domain/study";
import type { Translate } from "../../i18n/translate";
import { issueText } from "./issueText";

/** What the form edits: numbers as the inputs hold them (NaN when empty), seeds as typed. */
export type StudyFormState = {
  name: string;
  dataset: number | null;
  models: string[];
  designs: Design[];
  generations: number;
  seeds: string;
  trainRecords: number;
  evalRecords: number;
  rank: number;
  alpha: number;
  epochs: number;
  learningRate: number;
  /** pairs packed into the training windows: about half the training time */
  packPairs: boolean;
  temperature: number;
  /** truncation of the sampled distribution: 1 and 0 sample the whole of it (the default) */
  topP: number;
  topK: number;
  /** NaN (the field left empty): "auto", from the model's tokenizer and the corpus */
  maxTokens: number;
  /** what a later generation does with an output cut at maxTokens */
  cutOutputs: StudySpec["generate"]["cutOutputs"];
  sequences: number;
  /** "chat-template": prompts go through each model's own chat template, which its GGUF must carry */
  promptFormat: StudySpec["generate"]["promptFormat"];
};

const TRAIN = StudySpecSchema.parse({ name: "x", models: ["x"] });

export function defaultForm(models: string[]): StudyFormState {
  return {
    name: "",
    dataset: null,
    models: models.slice(0, 2),
    designs: models.length >= 2 ? ["recursive", "cross"] : ["recursive"],
    generations: TRAIN.generations,
    seeds: "1",
    trainRecords: 500,
    evalRecords: 100,
    rank: TRAIN.train.rank,
    alpha: TRAIN.train.alpha,
    epochs: TRAIN.train.epochs,
    learningRate: TRAIN.train.learningRate,
    packPairs: TRAIN.train.packPairs,
    temperature: TRAIN.generate.temperature,
    topP: TRAIN.generate.topP,
    topK: TRAIN.generate.topK,
    maxTokens: TRAIN.generate.maxTokens === "auto" ? NaN : TRAIN.generate.maxTokens,
    cutOutputs: TRAIN.generate.cutOutputs,
    sequences: TRAIN.generate.sequences,
    promptFormat: TRAIN.generate.promptFormat,
  };
}

const optional = (n: number) => (Number.isNaN(n) ? null : n);

export function formToSpec(f: StudyFormState): StudySpecInput {
  return {
    name: f.name,
    dataset: f.dataset,
    models: f.models,
    designs: f.designs,
    generations: f.generations,
    seeds: f.seeds
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number),
    trainRecords: optional(f.trainRecords),
    evalRecords: optional(f.evalRecords),
    train: { rank: f.rank, alpha: f.alpha, epochs: f.epochs, learningRate: f.learningRate, packPairs: f.packPairs },
    generate: {
      temperature: f.temperature,
      topP: f.topP,
      topK: f.topK,
      maxTokens: Number.isNaN(f.maxTokens) ? "auto" : f.maxTokens,
      cutOutputs: f.cutOutputs,
      sequences: f.sequences,
      promptFormat: f.promptFormat,
    },
  };
}

const FORM_FIELD: Record<string, keyof StudyFormState> = {
  "train.rank": "rank",
  "train.alpha": "alpha",
  "train.epochs": "epochs",
  "train.learningRate": "learningRate",
  "generate.temperature": "temperature",
  "generate.topP": "topP",
  "generate.topK": "topK",
  "generate.maxTokens": "maxTokens",
  "generate.sequences": "sequences",
  "generate.promptFormat": "promptFormat",
};

/**
 * The contract's own schema decides; each message, in the window's language, lands on the field it names.
 * `templated`: the models whose GGUF carries a chat template, for the refusal the workspace would give.
 */
export function validateForm(f: StudyFormState, t: Translate, templated?: ReadonlySet<string>): Partial<Record<keyof StudyFormState, string>> {
  const out: Partial<Record<keyof StudyFormState, string>> = {};
  const untemplated = templated && f.promptFormat === "chat-template" ? f.models.filter((m) => !templated.has(m)) : [];
  if (untemplated.length) out.promptFormat = t("studies.noChatTemplate", { models: untemplated.join(", ") });
  const result = StudySpecSchema.safeParse(formToSpec(f));
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const path = issue.path.filter((p) => typeof p === "string").join(".");
    const field = FORM_FIELD[path] ?? (path.split(".")[0] as keyof StudyFormState);
    // the seeds field is free text: say how to write it rather than which number failed
    out[field] ??= field === "seeds" && issue.code !== "custom" ? t("form.seeds") : issueText(issue, t);
  }
  return out;
}
