import { GgufType } from "../../electron/core/models/vocab/ggufKv";
import { rewriteGgufKv } from "./rewriteGgufKv";

/** Meta-Llama-3-8B-Instruct's tokenizer.chat_template, as its GGUFs carry it. */
export const LLAMA3_TEMPLATE =
  "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + " +
  "'<|end_header_id|>\n\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}{% endif %}" +
  "{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\n\n' }}{% endif %}";

/** ChatML as Qwen2-Instruct writes it: a default system turn when the conversation has none. */
export const CHATML_TEMPLATE =
  "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}{{ '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' }}{% endif %}" +
  "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

/** A copy of a GGUF model that carries `template` as its tokenizer.chat_template (weights and vocabulary unchanged). */
export function withChatTemplate(source: string, out: string, template: string): string {
  rewriteGgufKv(source, out, (kv) => void kv.set("tokenizer.chat_template", { type: GgufType.string, value: template }));
  return out;
}
