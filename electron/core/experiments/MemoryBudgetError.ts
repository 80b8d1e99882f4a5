import { ApiError } from "../../shared/api/errors";
import type { ModelInfo } from "../../shared/domain/models";
import { estimateGenerationMemory, formatBytes, studyPeak, type StudyMemoryEstimate, type StudyMemorySettings } from "../../shared/domain/memoryEstimate";

/** The most parallel samples whose generation fits `limit`, or 0 when not even one does. */
function sequencesThatFit(info: ModelInfo, settings: StudyMemorySettings, limit: number): number {
  let n = 0;
  while (n < settings.generate.sequences && estimateGenerationMemory(info, { ...settings.generate, sequences: n + 1 }).total <= limit) n++;
  return n;
}

/** A study one of whose jobs would not fit the machine; refused before anything is stored, with the estimate and what to change. */
export class MemoryBudgetError extends ApiError {
  constructor(r: {
    index: number;
    name: string;
    info: ModelInfo;
    estimate: StudyMemoryEstimate;
    settings: StudyMemorySettings;
    limit: number;
    label: string;
    /** jobs side by side (spec.parallelJobs): each holds its own memory */
    parallelJobs?: number;
  }) {
    const { trainer, generation } = r.estimate;
    const jobs = r.parallelJobs ?? 1;
    if (jobs > 1 && r.estimate.peak <= r.limit) {
      let fit = 1;
      while (fit < jobs && studyPeak(trainer, generation, fit + 1) <= r.limit) fit++;
      super(
        "invalid-argument",
        `parallelJobs: ${jobs} jobs side by side of ${r.name} would need about ${formatBytes(studyPeak(trainer, generation, jobs))} ` +
          `(the study's process, and ${jobs} trainers or a generator and ${jobs - 1}), ` +
          `more than ${r.label} (${formatBytes(r.limit)}); choose parallelJobs ${fit} or fewer (docs/memory.md)`,
        "spec.parallelJobs",
        "over-memory-budget",
      );
      this.name = "MemoryBudgetError";
      return;
    }
    const changes: string[] = [];
    if (generation.total > r.limit) {
      const fit = sequencesThatFit(r.info, r.settings, r.limit);
      changes.push(fit > 0 ? `generate.sequences ${fit} or fewer (now ${r.settings.generate.sequences})` : "a smaller generate.contextSize");
    }
    if (trainer.total > r.limit) changes.push(`a smaller train.contextSize (now ${r.settings.train.contextSize}) or train.rank (now ${r.settings.train.rank})`);
    if (trainer.parts.weights > r.limit / 2) changes.push("a smaller or more quantised model");
    super(
      "invalid-argument",
      `models[${r.index}]: ${r.name} would need about ${formatBytes(r.estimate.peak)} (training ${formatBytes(trainer.total)}, generation ${formatBytes(generation.total)}), ` +
        `more than ${r.label} (${formatBytes(r.limit)}); choose ${changes.join(", or ")} (docs/memory.md)`,
      generation.total > r.limit ? "spec.generate.sequences" : "spec.train.contextSize",
      "over-memory-budget",
    );
    this.name = "MemoryBudgetError";
  }
}
