import { totalmem } from "node:os";
import type { ModelInfo } from "../../shared/domain/models";
import { GenerateSettingsSchema, TrainSettingsSchema, type StudySpec } from "../../shared/domain/study";
import type { ModelMemory } from "../../shared/domain/views";
import { estimateStudyMemory, studyPeak, type StudyMemorySettings } from "../../shared/domain/memoryEstimate";
import { DEFAULT_TRAIN_CONTEXT } from "./promptTemplate";
import { MemoryBudgetError } from "./MemoryBudgetError";

/** What a study's jobs will hold: its training window and its generation contexts. */
export function studyMemorySettings(spec: Pick<StudySpec, "train" | "generate">): StudyMemorySettings {
  const contextSize = spec.train.contextSize ?? DEFAULT_TRAIN_CONTEXT[spec.generate.mode];
  return {
    // an answer is at most the window; a numeric maxTokens bounds what the later generations learn from, not the real answers, so the window it is
    train: { rank: spec.train.rank, targets: spec.train.targets, contextSize },
    // generation 1 on loads the adapter the trainer wrote
    generate: {
      sequences: spec.generate.sequences,
      contextSize: spec.generate.contextSize,
      batching: spec.generate.batching,
      adapter: { rank: spec.train.rank, targets: spec.train.targets },
    },
  };
}

/** What a study with the default settings would need of this model: the figure the model lists show. */
export function defaultStudyMemory(info: ModelInfo): ModelMemory {
  const e = estimateStudyMemory(info, studyMemorySettings({ train: TrainSettingsSchema.parse({}), generate: GenerateSettingsSchema.parse({}) }));
  return { trainingBytes: Math.round(e.trainer.total), generationBytes: Math.round(e.generation.total) };
}

/**
 * The memory a study may use: this machine's RAM, or COLLAPSE_MEMORY_BUDGET_MIB where a person
 * keeps part of it for other work (docs/memory.md); `label` is how a refusal names it. A GPU's
 * memory limits generation where node-llama-cpp runs it on one.
 */
export type MemoryBudget = { ramBytes: number; gpuBytes: number | null; label: string };

export function machineBudget(env: NodeJS.ProcessEnv = process.env): MemoryBudget {
  const mib = Number(env.COLLAPSE_MEMORY_BUDGET_MIB);
  return mib > 0
    ? { ramBytes: mib * 2 ** 20, gpuBytes: null, label: `the memory budget COLLAPSE_MEMORY_BUDGET_MIB=${mib}` }
    : { ramBytes: totalmem(), gpuBytes: null, label: "this machine's memory" };
}

/**
 * Refuses a study whose larger job (training or generation), with the study's process beside it,
 * would not fit the budget, before anything is stored; with parallelJobs, that many jobs at once.
 */
export function assertStudyFits(models: { name: string; info: ModelInfo }[], spec: StudySpec, budget: MemoryBudget): void {
  const settings = studyMemorySettings(spec);
  const parallelJobs = spec.parallelJobs ?? 1;
  models.forEach((m, index) => {
    const estimate = estimateStudyMemory(m.info, settings);
    if (studyPeak(estimate.trainer, estimate.generation, parallelJobs) > budget.ramBytes)
      throw new MemoryBudgetError({ index, name: m.name, info: m.info, estimate, settings, limit: budget.ramBytes, label: budget.label, parallelJobs });
    // generation runs where node-llama-cpp put it: on a GPU, its memory is the limit
    if (budget.gpuBytes !== null && estimate.generation.total > budget.gpuBytes)
      throw new MemoryBudgetError({ index, name: m.name, info: m.info, estimate, settings, limit: budget.gpuBytes, label: "the GPU's memory" });
  });
}
