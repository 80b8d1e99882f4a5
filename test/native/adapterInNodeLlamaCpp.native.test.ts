import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { getLlama, LlamaCompletion } from "node-llama-cpp";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { useTempDir } from "../helpers/tempDir";
import { tinyModel } from "../helpers/tinyModel";
import { renderTrainingPair } from "../helpers/trainingPairs";

const tempDir = useTempDir();

describe("a trained adapter in node-llama-cpp", () => {
  it("loads unchanged through createContext({lora}) and moves greedy output toward the training answer", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const pair = renderTrainingPair("В правой доле узел 1,2 см. EU-TIRADS 3", "Узловой зоб");
    writeFileSync(join(dir, "t.jsonl"), Array(32).fill(JSON.stringify(pair)).join("\n") + "\n");
    const adapter = join(dir, "a.gguf");
    await TrainerProcess.run(
      "lora",
      { base, train: join(dir, "t.jsonl"), val_fraction: 0, out: adapter, rank: 8, alpha: 16, lr: 0.01, epochs: 3, ctx: 256, seed: 1 },
      { threads: 2 },
    );

    const llama = await getLlama({ gpu: false });
    const model = await llama.loadModel({ modelPath: base });
    const complete = async (lora: boolean) => {
      const context = await model.createContext({ contextSize: 256, ...(lora ? { lora: { adapters: [{ filePath: adapter }] } } : {}) });
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      const text = await completion.generateCompletion(pair.prompt, { maxTokens: 8, temperature: 0 });
      await context.dispose();
      return text;
    };
    const plain = await complete(false);
    const tuned = await complete(true);
    await model.dispose();
    expect(tuned.trimStart().startsWith("Узловой зоб")).toBe(true);
    expect(plain.trimStart().startsWith("Узловой зоб")).toBe(false);
  });
});
