/** llama.cpp's tokenizer model names (tokenizer.ggml.model) as people know them; null for one not named here. */
export function vocabularyKind(model: string | null): string | null {
  return model === "llama" ? "SentencePiece" : model === "gpt2" ? "byte-level BPE" : model;
}
