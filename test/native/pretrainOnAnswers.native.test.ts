import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { TrainerError } from "../../electron/core/train/TrainerError";
import { useTempDir } from "../helpers/tempDir";
import { tinyModel, writePairs } from "../helpers/tinyModel";

const tempDir = useTempDir();

/** `pretrain` with `loss: "answer"`: prompt/answer pairs packed whole, the loss on the answers only (docs: native/README.md). */
describe("collapse-trainer pretrain on answers", () => {
  it("lowers the answers' held-out loss, which is all it trains", { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const base = await tinyModel();
    const train = writePairs(dir, "train.jsonl", 120, 5);
    const heldOut = writePairs(dir, "held.jsonl", 30, 6);
    const before = await TrainerProcess.run("eval", { base, data: heldOut, ctx: 256 });
    const out = join(dir, "m.gguf");
    const r = await TrainerProcess.run("pretrain", { model: base, train, out, ctx: 256, epochs: 2, lr: 2e-3, seed: 1, val_fraction: 0.05, loss: "answer" });
    // pairs packed whole: fewer windows than pairs (two or more short reports share a window), none cut
    expect(r.windows).toBeLessThan(120);
    const after = await TrainerProcess.run("eval", { base: out, data: heldOut, ctx: 256 });
    expect(after.mean_nll).toBeLessThan(before.mean_nll - 1);
  });

  it("refuses an unknown loss and text records where pairs are needed, naming the problem", async () => {
    const dir = tempDir();
    const base = await tinyModel();
    const texts = join(dir, "texts.jsonl");
    writeFileSync(texts, JSON.stringify({ text: "Описание: узлов нет.\nЗаключение: норма." }) + "\n");
    const bad = TrainerProcess.run("pretrain", { model: base, train: texts, out: join(dir, "a.gguf"), loss: "tokens" } as never);
    await expect(bad).rejects.toBeInstanceOf(TrainerError);
    await expect(bad).rejects.toThrow(/loss: must be "all" or "answer"/);
    await expect(TrainerProcess.run("pretrain", { model: base, train: texts, out: join(dir, "b.gguf"), loss: "answer" })).rejects.toThrow(
      /"prompt" and "answer"/,
    );
  });
});
