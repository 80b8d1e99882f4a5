import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { useTempDir } from "../helpers/tempDir";
import { tinyModel, writePairs } from "../helpers/tinyModel";

const tempDir = useTempDir();

/** As deep as LLaMA-3-8B and Mistral-7B (32 layers) but 32 wide: the training graph grows with the layers (patch 0010, native/README.md). */
const deep = { n_embd: 32, n_layer: 32, n_head: 2, n_head_kv: 1, n_ff: 64 };

// One thread: the graph of 32 layers has thousands of nodes, each a barrier between threads, which a
// shared machine's other load turns into waiting; the result does not depend on the thread count.
describe("collapse-trainer on a 32-layer model", () => {
  it("trains a LoRA on every layer, the last included", { timeout: 120_000 }, async () => {
    const base = await tinyModel(deep);
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 8, 1);
    const out = join(dir, "a.gguf");
    const r = await TrainerProcess.run("lora", { base, train, val_fraction: 0.25, out, rank: 4, alpha: 8, lr: 0.003, ctx: 256, seed: 2 }, { threads: 1 });
    expect(r.steps).toBe(r.train_pairs);
    expect(r.steps).toBeGreaterThan(4);
    expect(r.val_loss!).toBeLessThan(r.initial_val_loss!);
    expect(readFileSync(out).includes(Buffer.from("blk.31.ffn_down.weight.lora_b"))).toBe(true);
  });

  it("pretrains every weight: the loss of what it trained on goes down", { timeout: 120_000 }, async () => {
    const model = await tinyModel(deep);
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 12, 3);
    const before = await TrainerProcess.run("eval", { base: model, data: train, ctx: 256 }, { threads: 1 });
    const out = join(dir, "m.gguf");
    const r = await TrainerProcess.run("pretrain", { model, train, out, ctx: 256, lr: 2e-3, seed: 1, loss: "answer" }, { threads: 1 });
    expect(r.windows).toBeGreaterThan(0);
    const after = await TrainerProcess.run("eval", { base: out, data: train, ctx: 256 }, { threads: 1 });
    expect(after.mean_nll).toBeLessThan(before.mean_nll);
  });
});
