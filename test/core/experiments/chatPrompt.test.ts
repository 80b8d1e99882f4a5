import { describe, expect, it } from "vitest";
import { renderChatPrompt } from "../../../electron/core/experiments/chatPrompt";
import { DEFAULT_TEMPLATES, renderAnswer, studyPrompt, toTrainingPair } from "../../../electron/core/experiments/promptTemplate";
import { CHATML_TEMPLATE, LLAMA3_TEMPLATE } from "../../helpers/chatTemplates";

const record = { description: "Правая доля 15x12 мм, узел 8 мм.", additional: null, conclusion: "TI-RADS 3." };
const task = "Описание: Правая доля 15x12 мм, узел 8 мм.\nЗаключение:";

describe("a study prompt through a model's chat template", () => {
  it("Llama 3: one user turn, the assistant's header opened; the template's BOS left to the tokenizer", () => {
    // hand-written from the template: bos_token + user header, trimmed content, <|eot_id|>, then the generation prompt
    expect(renderChatPrompt(LLAMA3_TEMPLATE, task)).toBe(
      "<|start_header_id|>user<|end_header_id|>\n\nОписание: Правая доля 15x12 мм, узел 8 мм.\nЗаключение:<|eot_id|>" +
        "<|start_header_id|>assistant<|end_header_id|>\n\n",
    );
  });

  it("ChatML (Qwen2): its default system turn, the user turn, the assistant's turn opened", () => {
    expect(renderChatPrompt(CHATML_TEMPLATE, task)).toBe(
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" +
        "<|im_start|>user\nОписание: Правая доля 15x12 мм, узел 8 мм.\nЗаключение:<|im_end|>\n" +
        "<|im_start|>assistant\n",
    );
  });

  it("plain is the template's text as it is; the training pair's prompt is the generation prompt, the answer after it", () => {
    expect(studyPrompt(DEFAULT_TEMPLATES.conclusion, null, record)).toBe(task);
    const chat = studyPrompt(DEFAULT_TEMPLATES.conclusion, CHATML_TEMPLATE, record);
    expect(chat).toBe(renderChatPrompt(CHATML_TEMPLATE, task));
    expect(toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", record, CHATML_TEMPLATE)).toEqual({
      prompt: chat,
      answer: renderAnswer("conclusion", record),
    });
    expect(toTrainingPair(DEFAULT_TEMPLATES.conclusion, "conclusion", record).prompt).toBe(task);
  });

  it("a template that does not parse, or that leaves the user's text out, is an error saying so", () => {
    expect(() => renderChatPrompt("{% for %}", task)).toThrow(/Jinja template/);
    expect(() => renderChatPrompt("no turns at all", task)).toThrow(/not present in the generated Jinja template output/);
  });
});
