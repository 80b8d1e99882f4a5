import type { BatchingOptions, LlamaContext, LlamaModel } from "node-llama-cpp";
import type { Batching } from "../../shared/domain/study";

/**
 * The contexts `parallel` samples are generated in: one per sample ("lanes"), or one with a
 * sequence per sample ("shared"; see GenerateSamplesOptions.batching). Sample i uses
 * contexts[lanes ? i : 0].
 */
export async function createContexts(
  model: LlamaModel,
  batching: Batching,
  parallel: number,
  settings: { contextSize: number; batchSize?: number; threads?: number; lora?: { adapters: { filePath: string }[] }; batching?: BatchingOptions },
): Promise<LlamaContext[]> {
  if (batching === "shared") return [await model.createContext({ ...settings, sequences: parallel })];
  const contexts: LlamaContext[] = [];
  for (let i = 0; i < parallel; i++) contexts.push(await model.createContext({ ...settings, sequences: 1 }));
  return contexts;
}
