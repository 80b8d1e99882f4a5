/**
 * The chat format a GGUF's tokenizer.chat_template writes, known by the special tokens it puts
 * around a turn, so a person sees which models can be prompted through their template (a study's
 * generate.promptFormat "chat-template") and in what format; "custom" is a template of no format named here.
 */
export type ChatTemplateFamily = "Llama 3" | "ChatML" | "Gemma" | "Phi-3" | "Mistral [INST]" | "custom";

const MARKERS: [ChatTemplateFamily, string][] = [
  ["Llama 3", "<|start_header_id|>"],
  ["ChatML", "<|im_start|>"],
  ["Gemma", "<start_of_turn>"],
  ["Phi-3", "<|user|>"],
  ["Mistral [INST]", "[INST]"],
];

/** null when the GGUF carries no chat template (a base model). */
export function chatTemplateFamily(template: string | null | undefined): ChatTemplateFamily | null {
  if (!template?.trim()) return null;
  return MARKERS.find(([, marker]) => template.includes(marker))?.[0] ?? "custom";
}
