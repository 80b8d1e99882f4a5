import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { registerModel } from "../../../electron/core/models/registerModel";
import { parseStudySpec } from "../../../electron/shared/domain/study";
import { createStudy } from "../../../electron/core/experiments/createStudy";
import { runStudy } from "../../../electron/core/experiments/runStudy";
import { studyInputs } from "../../../electron/core/experiments/executors/studyInputs";
import { renderAnswer } from "../../../electron/core/experiments/promptTemplate";
import { listJobs } from "../../../electron/core/db/queries/jobs";
import { listSamplesOfJob } from "../../../electron/core/db/queries/samples";
import { loadStudyExport } from "../../../electron/core/export/loadStudyExport";
import { TrainerProcess } from "../../../electron/core/train/TrainerProcess";
import { tokenLengths } from "../../../electron/core/generate/autoMaxTokens";
import { useTempDir } from "../../helpers/tempDir";
import { tinyModel } from "../../helpers/tinyModel";
import { LLAMA3_TEMPLATE, withChatTemplate } from "../../helpers/chatTemplates";

const tempDir = useTempDir();

const USER = "<|start_header_id|>user<|end_header_id|>\n\n";
const ASSISTANT = "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";

const jsonl = (file: string) =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { prompt: string; answer: string });

describe("a chat template's markers are the vocabulary's special tokens, to the trainer and the generator alike", () => {
  it("with special tokens on, both count the same fewer tokens for text that holds Llama 3's markers; off, the same more", async () => {
    const dir = tempDir();
    const modelPath = await tinyModel({}, "llama-bpe");
    const pairs = [{ prompt: `${USER}Описание: узел 8 мм.\nЗаключение:${ASSISTANT}`, answer: " TI-RADS 3.<|eot_id|>\n" }];
    const data = join(dir, "pairs.jsonl");
    writeFileSync(data, pairs.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const counted: Record<string, { trainer: number; generator: number; prompt: number }> = {};
    for (const special of [false, true]) {
      const r = await TrainerProcess.run("eval", { base: modelPath, data, ctx: 256, per_item: true, ...(special ? { special_tokens: true } : {}) });
      const lengths = await tokenLengths(modelPath, { answers: pairs, prompts: pairs.map((p) => p.prompt) }, special);
      // the trainer scores the answer's tokens and the end-of-sequence token it appends
      counted[String(special)] = { trainer: r.per_item![0]!.tokens, generator: lengths.answers[0]! + 1, prompt: lengths.prompts[0]! };
    }
    expect(counted.true!.trainer).toBe(counted.true!.generator);
    expect(counted.false!.trainer).toBe(counted.false!.generator);
    // "<|eot_id|>" is one token, not the several pieces of its text
    expect(counted.true!.trainer).toBeLessThan(counted.false!.trainer - 3);
    expect(counted.true!.prompt).toBeLessThan(counted.false!.prompt - 3 * 4);
  });
});

describe("a chat-template study on a tiny model whose GGUF carries a Llama 3 template (real trainer and llama.cpp)", () => {
  it("trains, generates and evaluates on the same rendered prompts, and finishes", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    await importSynthetic(db, { records: 60, seed: 42, dir });
    const modelPath = withChatTemplate(await tinyModel(), join(dir, "chat.gguf"), LLAMA3_TEMPLATE);
    await registerModel(db, { path: modelPath, name: "chat" });
    const spec = parseStudySpec({
      name: "chat",
      models: ["chat"],
      generations: 1,
      trainRecords: 6,
      evalRecords: 3,
      train: { epochs: 1 },
      generate: { promptFormat: "chat-template", sequences: 3, maxTokens: 4 },
      metrics: { bootstrap: 0, noiseFloorSeeds: 1 },
    });
    const { id, settings } = createStudy(db, { spec, source: "", versions: {} });
    expect(await runStudy(db, id, { workspaceDir: dir })).toBe("done");

    const inputs = studyInputs(db, settings);
    const promptOf = new Map([...inputs.train, ...inputs.test].map((r) => [r.recordId, inputs.prompt(r, 0)]));
    for (const prompt of promptOf.values()) {
      expect(prompt.startsWith(USER)).toBe(true);
      expect(prompt.endsWith(ASSISTANT)).toBe(true);
    }
    const jobs = listJobs(db, { experimentId: id });
    const job = (prefix: string) => jobs.find((j) => j.key.startsWith(prefix))!;

    // the trainer's pairs: the rendered prompt, the physician's answer after it
    const pairs = jsonl(join(dir, "studies", String(id), "train", `${job("train-A1").key}.jsonl`));
    expect(pairs.map((p) => p.prompt).sort()).toEqual(inputs.train.map((r) => promptOf.get(r.recordId)!).sort());
    expect(pairs.map((p) => p.answer).sort()).toEqual(inputs.train.map((r) => renderAnswer("conclusion", r)).sort());

    // the generator continued exactly those prompts, and the held-out ones through the same template
    for (const [prefix, records] of [
      ["generate-A1", inputs.train],
      ["heldout-A1", inputs.test],
    ] as const) {
      const samples = listSamplesOfJob(db, { jobId: job(prefix).id });
      expect(samples).toHaveLength(records.length);
      for (const s of samples) expect(s.prompt).toBe(promptOf.get(s.record_id!));
      expect(JSON.parse(job(prefix).output_json!)).toMatchObject({ promptFormat: "chat-template" });
    }
    // held-out perplexity is measured after the same prompts
    const evalPairs = jsonl(join(dir, "studies", String(id), "eval", "test-pairs.jsonl"));
    expect(evalPairs.map((p) => p.prompt)).toEqual(inputs.test.map((r) => promptOf.get(r.recordId)));

    // the export says which format each sample was prompted with
    const exported = loadStudyExport(db, { experimentId: id })!;
    const generated = [...exported.generations()].flat();
    expect(generated.length).toBeGreaterThan(0);
    expect(new Set(generated.map((s) => s.promptFormat))).toEqual(new Set(["chat-template"]));
    expect(new Set(exported.real.map((s) => s.promptFormat))).toEqual(new Set(["plain"]));
    db.close();
  });
});
