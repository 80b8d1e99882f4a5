import { totalmem } from "node:os";
import type { ModelInfo } from "../../shared/domain/models";
import type { StudySpec } from "../../shared/domain/study";
import { estimateStudyMemory, type StudyMemorySettings } from "../../shared/domain/memoryEstimate";
import { DEFAULT_TRAIN_CONTEXT } from "./promptTemplate";
import { MemoryBudgetError } from "./MemoryBudgetError";

/** What a study's jobs will hold: its training window and its generation contexts. */
export function studyMemorySettings(spec: Pick<StudySpec, "train" | "generate">): StudyMemorySettings {
  const contextSize = spec.train.contextSize ?? DEFAULT_TRAIN_CONTEXT[spec.generate.mode];
  return {
    // an answer is at most the window; a numeric maxTokens bounds what the later generations learn from, not the real answers, so the window it is
    train: { rank: spec.train.rank, targets: spec.train.targets, contextSize },
    generate: { sequences: spec.generate.sequences, contextSize: spec.generate.contextSize, batching: spec.generate.batching },
  };
}

/** The memory a study may use: this machine's RAM, and the GPU's memory where generation runs on one. */
export type MemoryBudget = { ramBytes: number; gpuBytes: number | null };

export function machineBudget(): MemoryBudget {
  const fromEnv = Number(process.env.COLLAPSE_MEMORY_BUDGET_MIB);
  return { ramBytes: fromEnv > 0 ? fromEnv * 2 ** 20 : totalmem(), gpuBytes: null };
}

/** Refuses a study whose larger job (training or generation) would not fit the budget. */
export function assertStudyFits(models: { name: string; info: ModelInfo }[], spec: StudySpec, budget: MemoryBudget): void {
  const settings = studyMemorySettings(spec);
  for (const m of models) {
    const estimate = estimateStudyMemory(m.info, settings);
    if (estimate.peak > budget.ramBytes) throw new MemoryBudgetError(m.name, estimate, budget, false);
    // generation runs where node-llama-cpp put it: on a GPU, its memory is the limit
    if (budget.gpuBytes !== null && estimate.generation.total > budget.gpuBytes) throw new MemoryBudgetError(m.name, estimate, budget, true);
  }
}
