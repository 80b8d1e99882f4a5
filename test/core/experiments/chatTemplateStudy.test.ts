import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { dispatch } from "../../../electron/core/api/createHandlers";
import { ApiError, unwrap, type ApiErrorInfo } from "../../../electron/shared/api/errors";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { getExperiment } from "../../../electron/core/db/queries/experiments";
import type { StudySettings } from "../../../electron/core/experiments/createStudy";
import { studyInputs } from "../../../electron/core/experiments/executors/studyInputs";
import { renderChatPrompt } from "../../../electron/core/experiments/chatPrompt";
import { DEFAULT_TEMPLATES, renderPrompt } from "../../../electron/core/experiments/promptTemplate";
import type { ResponseOf } from "../../../electron/shared/api/contract";
import { dbDump } from "../../helpers/dbDump";
import { lab } from "../../helpers/runLab";
import { useApiWorkspace } from "../../helpers/apiWorkspace";
import { CHATML_TEMPLATE, withChatTemplate } from "../../helpers/chatTemplates";

const openWorkspace = useApiWorkspace();

const TINY = resolve("resources/default-models/tiny-llama3.gguf");

/** A workspace with a synthetic dataset, the shipped tiny model ("base", no chat template) and a copy of it that carries `template` ("chat"). */
async function workspace(template = CHATML_TEMPLATE) {
  const { dir, dbPath, api } = openWorkspace();
  await importSynthetic(api.db, { records: 60, seed: 3, dir });
  const add = async (path: string, name: string) => unwrap(await dispatch(api.handlers, "models.add", { path, name })) as ResponseOf<"models.add">;
  await add(TINY, "base");
  await add(withChatTemplate(TINY, join(dir, "chat.gguf"), template), "chat");
  return { dir, dbPath, api };
}

async function refusal(call: Promise<unknown>): Promise<ApiErrorInfo> {
  try {
    unwrap((await call) as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return (error as ApiError).toInfo();
  }
  throw new Error("expected a refusal");
}

const spec = (models: string[], promptFormat?: string) => ({ name: "chat", models, generations: 1, generate: promptFormat ? { promptFormat } : {} });

describe('generate.promptFormat "chat-template"', () => {
  it("a model whose GGUF carries no chat template is refused by name, on the API and CLI roads, and nothing is stored", async () => {
    const { dir, dbPath, api } = await workspace();
    const before = dbDump(api.db);
    const fromApi = await refusal(dispatch(api.handlers, "studies.create", { spec: spec(["chat", "base"], "chat-template") }));
    expect(fromApi).toEqual({
      code: "invalid-argument",
      field: "spec.models[1]",
      reason: "no-chat-template",
      message:
        'models[1]: base carries no chat template in its GGUF (tokenizer.chat_template), so generate.promptFormat "chat-template" cannot prompt it; ' +
        'use promptFormat "plain" (the default, for base models)',
    });
    const file = join(dir, "study.yaml");
    writeFileSync(file, "name: chat\nmodels: [chat, base]\ngenerations: 1\ngenerate:\n  promptFormat: chat-template\n");
    const r = await lab(["run", file, "--db", dbPath, "--json"]);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { error: ApiErrorInfo }).error).toEqual(fromApi);
    expect(dbDump(api.db)).toEqual(before);
    // plain, the default, prompts a base model
    expect((unwrap(await dispatch(api.handlers, "studies.create", { spec: spec(["base"]) })) as ResponseOf<"studies.create">).jobs).toBeGreaterThan(0);
  });

  it("a template that cannot render a user turn is refused by name; an unknown format fails the contract's schema", async () => {
    const { api } = await workspace("{% for message in messages %}");
    const unusable = await refusal(dispatch(api.handlers, "studies.create", { spec: spec(["chat"], "chat-template") }));
    expect(unusable).toMatchObject({ code: "invalid-argument", field: "spec.models[0]", reason: "unusable-chat-template" });
    expect(unusable.message).toMatch(/^models\[0\]: chat's chat template cannot render a user turn \(.+\); use promptFormat "plain"$/);
    const unknown = await refusal(dispatch(api.handlers, "studies.create", { spec: spec(["chat"], "jinja") }));
    expect(unknown.code).toBe("invalid-argument");
    expect(unknown.message).toContain("promptFormat");
  });

  it("the template is stored with the study and every prompt of the model is rendered through it; a plain study stores none", async () => {
    const { api } = await workspace();
    const created = unwrap(await dispatch(api.handlers, "studies.create", { spec: spec(["chat"], "chat-template") })) as ResponseOf<"studies.create">;
    const settings = JSON.parse(getExperiment(api.db, { id: created.id })!.spec_json) as StudySettings;
    expect(settings.spec.generate.promptFormat).toBe("chat-template");
    expect(settings.models[0]!.chatTemplate).toBe(CHATML_TEMPLATE);
    const inputs = studyInputs(api.db, settings);
    const r = inputs.train[0]!;
    expect(inputs.prompt(r, 0)).toBe(renderChatPrompt(CHATML_TEMPLATE, renderPrompt(DEFAULT_TEMPLATES.conclusion, r)));
    expect(inputs.prompt(r, 0)).toMatch(/^<\|im_start\|>system\n[^]*<\|im_start\|>user\nОписание: [^]+<\|im_end\|>\n<\|im_start\|>assistant\n$/);
    expect(inputs.plainPrompt(r)).toBe(renderPrompt(DEFAULT_TEMPLATES.conclusion, r));
    // the markers are the model's special tokens to the trainer, the evaluator and the generator
    expect(inputs.specialTokens).toBe(true);

    const plain = unwrap(await dispatch(api.handlers, "studies.create", { spec: { ...spec(["chat"]), name: "plain" } })) as ResponseOf<"studies.create">;
    const plainSettings = JSON.parse(getExperiment(api.db, { id: plain.id })!.spec_json) as StudySettings;
    expect(plainSettings.spec.generate.promptFormat).toBe("plain");
    expect(plainSettings.models[0]!.chatTemplate).toBeUndefined();
    expect(studyInputs(api.db, plainSettings).prompt(r, 0)).toBe(inputs.plainPrompt(r));
    expect(studyInputs(api.db, plainSettings).specialTokens).toBe(false);
    // a study stored before the setting existed has none in its settings, and prompts plainly
    const older = structuredClone(plainSettings);
    delete (older.spec.generate as Partial<typeof older.spec.generate>).promptFormat;
    expect(studyInputs(api.db, older)).toMatchObject({ format: "plain", specialTokens: false });
    expect(studyInputs(api.db, older).prompt(r, 0)).toBe(inputs.plainPrompt(r));
  });
});
