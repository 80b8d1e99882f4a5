import { renderChatPrompt } from "./chatPrompt";

/**
 * How a record becomes model text. The same template builds the trainer's prompt/answer pairs and
 * the generator's prompts, and is stored with every study, so training and generation agree.
 */
export type PromptMode = "conclusion" | "report";

export const DEFAULT_TEMPLATES: Record<PromptMode, string> = {
  // the paper's task: the conclusion from the description
  conclusion: "Описание: {description}\nЗаключение:",
  // whole-report generation: the model writes description and conclusion
  report: "Протокол УЗИ щитовидной железы.\nОписание:",
};

/** Where an answer ends: a conclusion is one line; a report has a description line and a conclusion line. */
export const DEFAULT_STOPS: Record<PromptMode, string[]> = {
  conclusion: ["\n"],
  report: ["\n\n", "\nОписание:", "Протокол УЗИ"],
};

/** Training window per mode: a description and its conclusion fit in 256 tokens, a whole report as prompt and answer needs 512. */
export const DEFAULT_TRAIN_CONTEXT: Record<PromptMode, number> = { conclusion: 256, report: 512 };

export function renderPrompt(template: string, fields: { description: string; additional?: string | null }): string {
  return template.replaceAll("{description}", fields.description).replaceAll("{additional}", fields.additional ?? "");
}

/** The answer follows the prompt after one space and ends the line, so "\n" stops generation. */
export function renderAnswer(mode: PromptMode, fields: { description: string; conclusion: string }): string {
  return mode === "conclusion" ? ` ${fields.conclusion}\n` : ` ${fields.description}\nЗаключение: ${fields.conclusion}\n`;
}

/**
 * The prompt text a model is trained and prompted with: the study's template filled in, as it is
 * (chatTemplate null, promptFormat "plain") or as one user turn of the model's chat template with
 * the assistant's turn opened (promptFormat "chat-template"). The one place a prompt is built.
 */
export function studyPrompt(template: string, chatTemplate: string | null, fields: { description: string; additional?: string | null }): string {
  const text = renderPrompt(template, fields);
  return chatTemplate === null ? text : renderChatPrompt(chatTemplate, text);
}

export function toTrainingPair(
  template: string,
  mode: PromptMode,
  record: { description: string; additional?: string | null; conclusion: string },
  chatTemplate: string | null = null,
): { prompt: string; answer: string } {
  return { prompt: studyPrompt(template, chatTemplate, record), answer: renderAnswer(mode, record) };
}
