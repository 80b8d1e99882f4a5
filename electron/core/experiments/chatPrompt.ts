import { JinjaTemplateChatWrapper, SpecialToken, SpecialTokensText, type LlamaText } from "node-llama-cpp";

/** Wrappers by template text: building one parses the template and probes what it supports, too slow to repeat per prompt. */
const wrappers = new Map<string, JinjaTemplateChatWrapper>();

function wrapperOf(chatTemplate: string): JinjaTemplateChatWrapper {
  let wrapper = wrappers.get(chatTemplate);
  if (!wrapper) {
    wrapper = new JinjaTemplateChatWrapper({
      template: chatTemplate,
      // the study asks for the answer itself: a template with a thinking switch opens the answer directly
      reasoning: false,
      functionCallMessageTemplate: "noJinja",
      trimLeadingWhitespaceInResponses: false,
    });
    wrappers.set(chatTemplate, wrapper);
  }
  return wrapper;
}

function asText(text: LlamaText): string {
  return text.values
    .map((v) => {
      if (typeof v === "string") return v;
      if (v instanceof SpecialTokensText) return v.value;
      if (v instanceof SpecialToken) {
        // the trainer and the generator both put the model's BOS before every prompt themselves
        if (v.value === "BOS") return "";
        if (v.value === "NL") return "\n";
      }
      throw new Error(`the chat template writes the ${v instanceof SpecialToken ? v.value : "unknown"} token inside a prompt`);
    })
    .join("");
}

/**
 * A study prompt as one user turn of a model's Jinja chat template (the GGUF's
 * tokenizer.chat_template), with the assistant's turn opened after it: the text the trainer trains
 * the answer after and the generator continues. Throws when the template cannot render that turn.
 */
export function renderChatPrompt(chatTemplate: string, userText: string): string {
  const state = wrapperOf(chatTemplate).generateContextState({
    chatHistory: [
      { type: "user", text: userText },
      { type: "model", response: [] },
    ],
  });
  return asText(state.contextText);
}
