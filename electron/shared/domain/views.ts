import type { ModelInfo } from "./models";
import type { SplitName } from "./records";
import type { ExperimentState } from "./jobs";
import type { ChatTemplateFamily } from "./chatTemplateFamily";

/** What the app shows of a dataset in lists. */
export type DatasetSummary = { id: number; name: string; kind: "import" | "synthetic"; records: number; createdAt: string };

/** A span of a record's text to highlight; offsets index the stored string. */
export type LabelSpan = { field: "description" | "conclusion"; start: number; end: number; raw: string; system: string; categories: (number | null)[] };
export type NoduleSpan = { index: number; start: number; end: number; labels: (number | null)[]; lobe: string | null; third: string | null };

export type RecordView = {
  id: number;
  sourceId: string | null;
  row: number;
  description: string;
  additional: string | null;
  conclusion: string;
  descriptionLabels: (number | null)[];
  conclusionLabels: (number | null)[];
  maxCategory: number | null;
  labelSpans: LabelSpan[];
  nodules: NoduleSpan[];
  split: SplitName | null;
  excluded: string | null;
};

export type RecordPage = { datasetId: number; total: number; offset: number; records: RecordView[] };

/** Estimated peak memory of a study's training and generation jobs with the default study settings (docs/memory.md). */
export type ModelMemory = { trainingBytes: number; generationBytes: number };
/** chatTemplateFamily: the format of the GGUF's chat template (chatTemplateFamily.ts), null when it carries none */
export type ModelSummary = {
  id: number;
  name: string;
  path: string;
  sha256: string;
  origin: "user" | "tiny-default";
  info: ModelInfo;
  memory: ModelMemory;
  chatTemplateFamily: ChatTemplateFamily | null;
};

/**
 * Where generation runs. `build`: the llama.cpp binary node-llama-cpp loaded, "localBuild" when it is
 * the CPU binding built from its bundle on this machine (npm run build:native), else "prebuilt".
 */
export type BackendInfo = { gpu: string | false; deviceNames: string[]; fallbackReason: string | null; build: "localBuild" | "prebuilt" };

export type StudySummary = { id: number; name: string; state: ExperimentState; createdAt: string };

/** One value of one metric of one generation (generation 0 = the real data). */
export type MetricPoint = {
  design: string;
  model: string;
  /**
   * The lineage within the design (the planner's chain): a cross design runs one chain starting with
   * each model ("A-first", "B-first"), and a model's generations alternate between them. Absent or
   * null for generation 0 and for points stored without one.
   */
  chain?: string | null;
  generation: number;
  seed: number | null;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
};

export type StudyMetrics = {
  studyId: number;
  points: MetricPoint[];
  /** per metric, the value two samples of the same distribution already differ by; absent where not computed */
  noiseFloor: Record<string, number>;
  notes: string[];
};

export type GenerationSamples = {
  design: string;
  chain: string;
  model: string;
  seed: number;
  generation: number;
  samples: { idx: number; prompt: string; output: string; finishReason: string }[];
};
