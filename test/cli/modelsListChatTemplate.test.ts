import { describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import { dispatch } from "../../electron/core/api/createHandlers";
import { unwrap } from "../../electron/shared/api/errors";
import { chatTemplateFamily } from "../../electron/shared/domain/chatTemplateFamily";
import type { ResponseOf } from "../../electron/shared/api/contract";
import { lab } from "../helpers/runLab";
import { useApiWorkspace } from "../helpers/apiWorkspace";
import { CHATML_TEMPLATE, LLAMA3_TEMPLATE, withChatTemplate } from "../helpers/chatTemplates";

const openWorkspace = useApiWorkspace();
const TINY = resolve("resources/default-models/tiny-llama3.gguf");
const GEMMA_TEMPLATE = "{% for m in messages %}<start_of_turn>{{ m['role'] }}\n{{ m['content'] }}<end_of_turn>\n{% endfor %}<start_of_turn>model\n";
const CUSTOM_TEMPLATE = "{% for m in messages %}### {{ m['role'] }}: {{ m['content'] }}\n{% endfor %}### assistant:";

describe("whether a model's GGUF carries a chat template", () => {
  it("names the template's format by its turn markers, null for none", () => {
    expect(chatTemplateFamily(LLAMA3_TEMPLATE)).toBe("Llama 3");
    expect(chatTemplateFamily(CHATML_TEMPLATE)).toBe("ChatML");
    expect(chatTemplateFamily(GEMMA_TEMPLATE)).toBe("Gemma");
    expect(chatTemplateFamily("{{ bos_token }}{% for m in messages %}[INST] {{ m['content'] }} [/INST]{% endfor %}")).toBe("Mistral [INST]");
    expect(chatTemplateFamily(CUSTOM_TEMPLATE)).toBe("custom");
    expect(chatTemplateFamily("  ")).toBeNull();
    expect(chatTemplateFamily(null)).toBeNull();
    expect(chatTemplateFamily(undefined)).toBeNull();
  });

  it("lab models list shows it in its table and in --json, the same figures the window's models.list returns", async () => {
    const { dir, dbPath, api } = openWorkspace();
    const add = async (path: string, name: string) => unwrap(await dispatch(api.handlers, "models.add", { path, name })) as ResponseOf<"models.add">;
    const base = await add(TINY, "base");
    expect(base.chatTemplateFamily).toBeNull();
    expect((await add(withChatTemplate(TINY, join(dir, "llama3.gguf"), LLAMA3_TEMPLATE), "llama3-chat")).chatTemplateFamily).toBe("Llama 3");
    await add(withChatTemplate(TINY, join(dir, "custom.gguf"), CUSTOM_TEMPLATE), "custom-chat");

    const listed = unwrap(await dispatch(api.handlers, "models.list", {})) as ResponseOf<"models.list">;
    expect(listed.map((m) => [m.name, m.chatTemplateFamily])).toEqual([
      ["base", null],
      ["llama3-chat", "Llama 3"],
      ["custom-chat", "custom"],
    ]);

    const json = await lab(["models", "list", "--db", dbPath, "--json"]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(listed);

    const table = await lab(["models", "list", "--db", dbPath]);
    expect(table.status).toBe(0);
    const row = table.stdout.split("\n").find((line) => line.startsWith("chat template"));
    expect(row?.split(/\s{2,}/)).toEqual(["chat template", "no", "yes (Llama 3)", "yes (custom)"]);
  });
});
