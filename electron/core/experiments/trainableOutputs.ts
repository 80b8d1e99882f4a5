import type { StudySpec } from "../../shared/domain/study";
import { isCut } from "../metrics/clinicalPanel";

/**
 * The outputs of a generation that a later generation may train on, by the study's
 * generate.cutOutputs (docs/metrics.md, "Cut outputs"): "exclude" leaves out every output cut at
 * maxTokens (or by a full context); "keep" keeps them as written. `excluded` counts what was left out.
 */
export function trainableOutputs<T extends { finish_reason: string }>(
  samples: readonly T[],
  setting: StudySpec["generate"]["cutOutputs"],
): { kept: T[]; excluded: number } {
  const kept = setting === "exclude" ? samples.filter((s) => !isCut(s.finish_reason)) : samples.slice();
  return { kept, excluded: samples.length - kept.length };
}
