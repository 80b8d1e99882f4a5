import type { StudyDesign } from "../../shared/domain/design";
import type { TypedJob } from "../jobs/jobSchemas";

/** A job the planner made: its kind's params are typed (jobSchemas), as the runner reads them back. */
export type PlannedJob = TypedJob;

/** One generation of one design's chain, as the results show it. */
export type PlannedGeneration = {
  design: StudyDesign;
  chain: string;
  model: number;
  seed: number;
  generation: number;
  train: string;
  generate: string;
  evaluate: string;
};

export type StudyPlan = { jobs: PlannedJob[]; generations: PlannedGeneration[] };
