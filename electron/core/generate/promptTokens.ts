import type { LlamaModel, Token } from "node-llama-cpp";

/** A prompt as node-llama-cpp's LlamaCompletion feeds it: the model's BOS where its vocabulary wants one, then the text. */
export function promptTokens(model: LlamaModel, prompt: string): Token[] {
  const bos = model.tokens.shouldPrependBosToken ? model.tokens.bos : null;
  const tokens = model.tokenize(prompt, false, bos === null ? undefined : "trimLeadingSpace");
  return bos === null ? tokens : [bos, ...tokens];
}
