/** The training data of one generation: real pairs and/or the outputs of earlier generate jobs. */
export type DataSource = {
  /** share of the real training pairs taken (1 = all of them, 0 = none) */
  real: number;
  /** generate jobs whose (prompt, output) pairs are pooled */
  synthetic: string[];
  /** fixed training-set size; null = everything listed */
  size: number | null;
  /**
   * how a fixed size is reached: "uniform" subsamples the whole pool (accumulate-subsample);
   * "real-share" keeps `real × size` real pairs and fills the rest with synthetic pairs of other
   * prompts (real-fraction). Ignored when size is null.
   */
  sampling: "uniform" | "real-share";
};

export type TrainParams = { model: number; seed: number; generation: number; data: DataSource; initFrom: string | null };
/** again: generation 1 sampled a second time from the same adapter with another sampling seed (the floor of KL vs M1) */
export type GenerateParams = { model: number; seed: number; generation: number; train: string; again?: boolean };
export type EvaluateParams = { model: number; train: string | null };
export type MetricsParams = {
  design: string;
  chain: string;
  model: number;
  seed: number;
  generation: number;
  generate: string | null;
  evaluate: string;
  /** generation 1 of the same model and seed: the paper's "M1 → Mk" reference */
  m1: string | null;
  /** the generation's train job: its pairs and steps are stored as metric points (absent for generation 0) */
  train?: string | null;
  /** generation 1 sampled again (GenerateParams.again): the noise floor of KL vs M1; absent in studies planned before it */
  m1Again?: string | null;
};

export type PlannedJob =
  | { key: string; kind: "train"; deps: string[]; params: TrainParams }
  | { key: string; kind: "generate"; deps: string[]; params: GenerateParams }
  | { key: string; kind: "evaluate"; deps: string[]; params: EvaluateParams }
  | { key: string; kind: "metrics"; deps: string[]; params: MetricsParams };

/** One generation of one design's chain, as the results show it. */
export type PlannedGeneration = {
  design: string;
  chain: string;
  model: number;
  seed: number;
  generation: number;
  train: string;
  generate: string;
  evaluate: string;
};

export type StudyPlan = { jobs: PlannedJob[]; generations: PlannedGeneration[] };
