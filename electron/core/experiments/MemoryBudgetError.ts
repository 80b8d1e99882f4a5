import { ApiError } from "../../shared/api/errors";
import { formatBytes, type StudyMemoryEstimate } from "../../shared/domain/memoryEstimate";
import type { MemoryBudget } from "./studyMemory";

/** A study whose jobs would not fit the machine; refused before anything is stored. */
export class MemoryBudgetError extends ApiError {
  constructor(
    readonly model: string,
    readonly estimate: StudyMemoryEstimate,
    readonly budget: MemoryBudget,
    onGpu: boolean,
  ) {
    const { trainer, generation } = estimate;
    const limit = onGpu ? budget.gpuBytes! : budget.ramBytes;
    const changes: string[] = [];
    if (generation.total > limit) changes.push("fewer generate.sequences or a smaller generate.contextSize");
    if (trainer.total > limit) changes.push("a smaller train.contextSize or train.rank");
    if (trainer.parts.weights > limit / 2) changes.push("a smaller or more quantised model");
    super(
      "invalid-argument",
      `models: ${model} would need about ${formatBytes(estimate.peak)} (training ${formatBytes(trainer.total)}, generation ${formatBytes(generation.total)}), ` +
        `more than this machine's ${formatBytes(limit)} of ${onGpu ? "GPU memory" : "memory"}; choose ${changes.join(", or ")}`,
      generation.total > limit ? "spec.generate.sequences" : "spec.train.contextSize",
    );
    this.name = "MemoryBudgetError";
  }
}
