import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { generateCorpus } from "../../electron/core/data/synth";
import { useTempDir } from "../helpers/tempDir";
import { sha256 } from "../helpers/sha256";
import { tinyModel, writePairs } from "../helpers/tinyModel";

const tempDir = useTempDir();

/** Runs `run` with the stock F32 loops that patch 0012 replaces (COLLAPSE_STOCK_KERNELS, read by the trainer's ggml). */
async function withStockKernels<T>(run: () => Promise<T>): Promise<T> {
  process.env.COLLAPSE_STOCK_KERNELS = "1";
  try {
    return await run();
  } finally {
    delete process.env.COLLAPSE_STOCK_KERNELS;
  }
}

// Patch 0012 computes ggml's F32 out_prod (every weight's gradient, and the gradient through a
// frozen weight) and its mul_mat of rows shorter than a SIMD step (the attention scores) in register
// tiles. Each result must still add the same terms in the same order as the stock loops, so the
// same bytes: the shipped default models and every figure measured before it depend on that. The
// shape puts columns in whole tiles, in single vectors and in scalar leftovers (72 = 64 + 8,
// FFN 104 = 64 + 32 + 8 floats), and heads of 18 dimensions (rows shorter than any SIMD step).
describe("the trainer's F32 kernels (patch 0012)", () => {
  const shape = { n_embd: 72, n_head: 4, n_head_kv: 1, n_ff: 104, seed: 4 } as const;

  it("pretraining writes the stock loops' bytes, at 1 and 2 threads", { timeout: 300_000 }, async () => {
    const model = await tinyModel(shape);
    const dir = tempDir();
    const train = join(dir, "texts.jsonl");
    writeFileSync(
      train,
      generateCorpus({ records: 16, seed: 9 })
        .map((r) => JSON.stringify({ text: `${r.description}\n${r.conclusion}` }))
        .join("\n") + "\n",
    );
    const cfg = { model, train, ctx: 256, lr: 2e-3, seed: 1, val_fraction: 0 } as const;
    await TrainerProcess.run("pretrain", { ...cfg, out: join(dir, "one.gguf") }, { threads: 1 });
    await TrainerProcess.run("pretrain", { ...cfg, out: join(dir, "two.gguf") }, { threads: 2 });
    await withStockKernels(() => TrainerProcess.run("pretrain", { ...cfg, out: join(dir, "stock.gguf") }, { threads: 1 }));
    expect(sha256(join(dir, "one.gguf"))).toBe(sha256(join(dir, "stock.gguf")));
    expect(sha256(join(dir, "two.gguf"))).toBe(sha256(join(dir, "stock.gguf")));
  });

  it("LoRA on an F32 base writes the stock loops' adapter bytes, at 1 and 2 threads", { timeout: 300_000 }, async () => {
    const base = await tinyModel(shape);
    const dir = tempDir();
    const cfg = { base, train: writePairs(dir, "t.jsonl", 12, 5), val_fraction: 0, rank: 4, epochs: 1, ctx: 256, seed: 2 } as const;
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "one.gguf") }, { threads: 1 });
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "two.gguf") }, { threads: 2 });
    await withStockKernels(() => TrainerProcess.run("lora", { ...cfg, out: join(dir, "stock.gguf") }, { threads: 2 }));
    expect(sha256(join(dir, "one.gguf"))).toBe(sha256(join(dir, "stock.gguf")));
    expect(sha256(join(dir, "two.gguf"))).toBe(sha256(join(dir, "stock.gguf")));
  });

  it("the held-out evaluation gives the stock loops' log-likelihoods", async () => {
    const base = await tinyModel(shape);
    const dir = tempDir();
    const data = writePairs(dir, "held.jsonl", 6, 7);
    const tiles = await TrainerProcess.run("eval", { base, data, ctx: 256, per_item: true });
    const stock = await withStockKernels(() => TrainerProcess.run("eval", { base, data, ctx: 256, per_item: true }));
    expect(tiles.per_item).toEqual(stock.per_item);
  });
});
