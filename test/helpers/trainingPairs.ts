import { DEFAULT_TEMPLATES, toTrainingPair } from "../../electron/core/experiments/promptTemplate";

export function renderTrainingPair(description: string, conclusion: string): { prompt: string; answer: string } {
  return toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", { description, conclusion });
}
