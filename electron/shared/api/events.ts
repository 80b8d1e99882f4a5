import type { ImportProgress } from "../domain/imports";
import type { ExperimentState, RunnerProgress } from "../domain/jobs";

/** Everything long work reports while it runs; one stream for the whole app. */
export type LabEvent =
  | ({ type: "import.progress"; operationId: string | null } & ImportProgress)
  | { type: "study.progress"; studyId: number; progress: RunnerProgress }
  | { type: "study.log"; studyId: number; jobKey: string; level: string; message: string; at: string }
  | { type: "study.state"; studyId: number; state: ExperimentState; error: string | null }
  | { type: "export.progress"; operationId: string | null; file: string; done: number; total: number }
  | {
      type: "models.progress";
      model: string;
      stage: "vocabulary" | "init" | "pretrain" | "stage-done" | "cached" | "shipped" | "registering" | "registered";
      /** the pretraining stage (1-based) and how many the recipe has */
      pretrainStage?: { index: number; of: number } | null;
      step: number | null;
      steps: number | null;
      loss: number | null;
      tokensPerSecond: number | null;
      /** seconds left for the whole build of the default models */
      etaSeconds?: number | null;
    };

export type LabEventType = LabEvent["type"];
