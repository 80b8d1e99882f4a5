import type { LlamaModel } from "node-llama-cpp";
import { LlamaRuntime } from "./LlamaRuntime";
import { promptTokens } from "./promptTokens";

/** The share of physicians' answers that must fit, and the room left beyond it for a model that writes a little longer. */
export const AUTO_MAX_TOKENS = { quantile: 0.99, headroom: 1.25, max: 4096 } as const;

/**
 * maxTokens "auto" from the answers' lengths in tokens: the nearest-rank 99th percentile (at least
 * 99 % of the answers are no longer) times 1.25, rounded up (docs/metrics.md, "Cut outputs").
 */
export function autoMaxTokens(lengths: readonly number[]): number {
  if (lengths.length === 0) throw new Error('maxTokens "auto": no answers to measure');
  const sorted = [...lengths].sort((a, b) => a - b);
  const p = sorted[Math.ceil(AUTO_MAX_TOKENS.quantile * sorted.length) - 1]!;
  return Math.min(AUTO_MAX_TOKENS.max, Math.max(1, Math.ceil(p * AUTO_MAX_TOKENS.headroom)));
}

/**
 * On one load of the vocabulary (only the vocabulary: no weights), the answers' lengths in the
 * model's own tokens, the stop (the answer's closing newline) included — the tokens an answer adds
 * after its prompt, as the generator continues the prompt — and each prompt's length as the
 * generator feeds it (promptTokens: BOS included).
 */
export async function tokenLengths(
  modelPath: string,
  measure: { answers: readonly { prompt: string; answer: string }[]; prompts: readonly string[] },
  specialTokens = false,
): Promise<{ answers: number[]; prompts: number[] }> {
  return withVocabulary(modelPath, (model) => ({
    answers: answerLengths(model, measure.answers, specialTokens),
    prompts: measure.prompts.map((p) => promptTokens(model, p, specialTokens).length),
  }));
}

function answerLengths(model: LlamaModel, pairs: readonly { prompt: string; answer: string }[], specialTokens: boolean): number[] {
  return pairs.map((p) => model.tokenize(p.prompt + p.answer, specialTokens).length - model.tokenize(p.prompt, specialTokens).length);
}

async function withVocabulary<T>(modelPath: string, use: (model: LlamaModel) => T): Promise<T> {
  const { llama } = await LlamaRuntime.get();
  const model = await llama.loadModel({ modelPath, vocabOnly: true, gpuLayers: 0 });
  try {
    return use(model);
  } finally {
    await model.dispose();
  }
}
