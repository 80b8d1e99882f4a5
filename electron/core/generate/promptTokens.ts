import type { LlamaModel, Token } from "node-llama-cpp";

/**
 * A prompt as node-llama-cpp's LlamaCompletion feeds it: the model's BOS where its vocabulary wants one, then the text.
 * specialTokens: text such as "<|eot_id|>" becomes the vocabulary's special token (a prompt rendered through the model's chat template).
 */
export function promptTokens(model: LlamaModel, prompt: string, specialTokens = false): Token[] {
  const bos = model.tokens.shouldPrependBosToken ? model.tokens.bos : null;
  const tokens = model.tokenize(prompt, specialTokens, bos === null ? undefined : "trimLeadingSpace");
  return bos === null ? tokens : [bos, ...tokens];
}
