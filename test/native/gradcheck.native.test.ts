import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { useTempDir } from "../helpers/tempDir";
import { tinyModel, writePairs } from "../helpers/tinyModel";
import { renderTrainingPair } from "../helpers/trainingPairs";

const tempDir = useTempDir();

async function gradcheck(directKv: boolean) {
  const dir = tempDir();
  const train = join(dir, "pair.jsonl");
  writeFileSync(
    train,
    JSON.stringify(renderTrainingPair("В правой доле узел 1,2 см, изоэхогенный, с ровными контурами.", "Узловое образование правой доли. EU-TIRADS 3")) + "\n",
  );
  return TrainerProcess.run("gradcheck", { base: await tinyModel(), train, targets: ["attn_q", "attn_k", "attn_v"], direct_kv: directKv }, { threads: 2 });
}

const kv = (name: string) => /attn_[kv]\./.test(name);

describe("collapse-trainer gradcheck (finite differences of the trainer's own loss)", () => {
  it("K/V projections learn: every LoRA gradient, K and V included, matches the loss's slope along it and along a random direction", async () => {
    const r = await gradcheck(true);
    expect(r.tensors).toHaveLength(12); // 2 layers × q,k,v × A,B
    for (const t of r.tensors) {
      expect(t.gradient_norm, t.name).toBeGreaterThan(0);
      for (const c of t.checks) expect(c.rel_error, `${t.name} along the ${c.direction}`).toBeLessThan(0.05);
    }
    // reading the current K/V instead of the cache changes no forward value
    expect(r.loss).toBe(r.loss_through_cache);
    // masked positions (the prompt) give no gradient at all
    expect(r.masked_max_abs_gradient).toBe(0);
  });

  it("catches the stock behaviour: attention through the KV cache leaves K/V without gradient while the loss does depend on them", async () => {
    const r = await gradcheck(false);
    for (const t of r.tensors.filter((x) => kv(x.name))) {
      expect(t.gradient_norm, t.name).toBe(0);
      const random = t.checks.find((c) => c.direction === "random")!;
      expect(Math.abs(random.numeric), t.name).toBeGreaterThan(1e-6);
    }
    expect(r.max_rel_error).toBeGreaterThan(0.5);
  });

  it("a LoRA on attn_k and attn_v alone learns: the validation loss falls (stock llama.cpp leaves it exactly unchanged)", async () => {
    const dir = tempDir();
    const r = await TrainerProcess.run(
      "lora",
      {
        base: await tinyModel(),
        train: writePairs(dir, "train.jsonl", 40, 2),
        val_fraction: 0.25,
        out: join(dir, "kv.gguf"),
        targets: ["attn_k", "attn_v"],
        rank: 8,
        alpha: 16,
        lr: 0.003,
        epochs: 2,
        ctx: 256,
        seed: 3,
      },
      { threads: 2 },
    );
    expect(r.initial_val_loss! - r.val_loss!).toBeGreaterThan(0.01);
  });
});
