import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { TrainerProcess, runningTrainers } from "../../electron/core/train/TrainerProcess";
import { TrainerError, TrainerStoppedError } from "../../electron/core/train/TrainerError";
import { bundledVocab } from "../../native/scripts/build";
import { useTempDir } from "../helpers/tempDir";
import { sha256 } from "../helpers/sha256";
import { tinyModel, writePairs } from "../helpers/tinyModel";

const tempDir = useTempDir();

function runRaw(args: string[], config?: unknown): { status: number | null; lines: { type: string; code?: string; message?: string }[] } {
  const dir = tempDir();
  const cfg = join(dir, "c.json");
  if (config !== undefined) writeFileSync(cfg, typeof config === "string" ? config : JSON.stringify(config));
  const r = spawnSync(process.env.COLLAPSE_TRAINER!, config === undefined ? args : [...args, "--config", cfg], { encoding: "utf8" });
  return {
    status: r.status,
    lines: r.stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

describe("collapse-trainer init", () => {
  it("creates a llama model with the recipe's shape from a real vocabulary, and Russian text tokenises", async () => {
    const dir = tempDir();
    const r = await TrainerProcess.run("init", {
      vocab: bundledVocab("llama-spm"),
      out: join(dir, "m.gguf"),
      n_embd: 64,
      n_layer: 2,
      n_head: 4,
      n_head_kv: 2,
      n_ff: 96,
      seed: 3,
    });
    expect(r.n_vocab).toBe(32000);
    expect(r.parameters).toBeGreaterThan(4_000_000);
    expect(r.russian_probe_tokens).toBeGreaterThan(10);
    expect(r.russian_probe_tokens).toBeLessThan(91);
    const again = await TrainerProcess.run("init", {
      vocab: bundledVocab("llama-spm"),
      out: join(dir, "m2.gguf"),
      n_embd: 64,
      n_layer: 2,
      n_head: 4,
      n_head_kv: 2,
      n_ff: 96,
      seed: 3,
    });
    expect(again.parameters).toBe(r.parameters);
    expect(sha256(join(dir, "m.gguf"))).toBe(sha256(join(dir, "m2.gguf")));
  });
});

describe("collapse-trainer lora", () => {
  it("lowers the validation loss on answer tokens and leaves the base byte for byte unchanged", async () => {
    const base = await tinyModel();
    const before = sha256(base);
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 80, 1);
    const progress: number[] = [];
    const r = await TrainerProcess.run(
      "lora",
      { base, train, val_fraction: 0.2, out: join(dir, "a.gguf"), rank: 8, alpha: 16, lr: 0.003, epochs: 2, ctx: 256, seed: 5 },
      { threads: 2, onProgress: (p) => p.phase === "train" && progress.push(p.step) },
    );
    expect(r.initial_val_loss! - r.val_loss!).toBeGreaterThan(0.05);
    expect(r.train_pairs).toBe(64);
    expect(progress.length).toBeGreaterThan(0);
    expect(sha256(base)).toBe(before);
    const gguf = readFileSync(join(dir, "a.gguf"));
    expect(gguf.subarray(0, 4).toString()).toBe("GGUF");
    expect(gguf.includes(Buffer.from("blk.0.attn_k.weight.lora_a"))).toBe(true);
  });

  it("pack: pairs share windows, so an epoch takes fewer steps, and it still learns the answers", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 80, 1);
    const cfg = { base, train, val_fraction: 0.2, rank: 8, alpha: 16, lr: 0.006, epochs: 2, ctx: 512, seed: 5 } as const;
    const one = await TrainerProcess.run("lora", { ...cfg, out: join(dir, "one.gguf") }, { threads: 2 });
    const packed = await TrainerProcess.run("lora", { ...cfg, out: join(dir, "packed.gguf"), pack: true }, { threads: 2 });
    expect(one.steps).toBe(2 * 64);
    expect(packed.train_pairs).toBe(64);
    // a synthetic report runs to about half of 512 tokens: two to a window where they fit (86 of 128 steps here)
    expect(packed.train_windows).toBeLessThan(0.75 * 64);
    expect(packed.steps).toBe(2 * packed.train_windows);
    expect(packed.initial_val_loss! - packed.val_loss!).toBeGreaterThan(0.05);
    expect(sha256(join(dir, "packed.gguf"))).not.toBe(sha256(join(dir, "one.gguf")));
  });

  it("is deterministic: the same inputs and seed give the same adapter bytes", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 24, 2);
    const cfg = { base, train, out: "", rank: 4, epochs: 1, ctx: 256, seed: 11 } as const;
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "a.gguf") }, { threads: 2 });
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "b.gguf") }, { threads: 2 });
    expect(sha256(join(dir, "a.gguf"))).toBe(sha256(join(dir, "b.gguf")));
  });

  // the backward pass through a frozen F16 or quantised weight converts each of its rows once for a
  // block of tokens (patch 0011), and each thread takes its own blocks: every token's gradient must
  // still add the same terms in the same order, whatever the thread count
  it.each(["f16", "q8_0"] as const)("%s base: 1 and 2 threads give the same adapter bytes", async (type) => {
    const base = await tinyModel({ type });
    const dir = tempDir();
    const cfg = { base, train: writePairs(dir, "t.jsonl", 12, 5), val_fraction: 0, rank: 4, epochs: 1, ctx: 256, seed: 2 } as const;
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "one.gguf") }, { threads: 1 });
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "two.gguf") }, { threads: 2 });
    expect(sha256(join(dir, "one.gguf"))).toBe(sha256(join(dir, "two.gguf")));
  });

  it("SIGTERM writes a checkpoint, and --resume ends with exactly the adapter of an uninterrupted run", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 60, 3);
    const cfg = { base, train, val_fraction: 0.1, rank: 4, alpha: 8, lr: 0.002, epochs: 2, ctx: 256, seed: 9, schedule: "cosine" as const };
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "full.gguf") }, { threads: 2 });

    const abort = new AbortController();
    const stopped = TrainerProcess.run(
      "lora",
      { ...cfg, out: join(dir, "resumed.gguf") },
      {
        threads: 2,
        signal: abort.signal,
        onProgress: (p) => p.phase === "train" && p.step >= 5 && abort.abort(),
      },
    );
    const err = await stopped.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainerStoppedError);
    expect((err as TrainerStoppedError).checkpoint).toMatch(/resumed\.gguf\.ckpt\.adapter\.gguf$/);
    expect(runningTrainers()).toEqual([]);
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "resumed.gguf") }, { threads: 2, resume: true });
    expect(sha256(join(dir, "resumed.gguf"))).toBe(sha256(join(dir, "full.gguf")));
  });

  for (const type of ["q8_0", "q4_0", "q4_K"] as const) {
    it(`trains on a ${type} quantised base`, async () => {
      // Q4_K rows are 256 wide
      const base = await tinyModel(type === "q4_K" ? { type, n_embd: 256, n_ff: 256, n_layer: 1 } : { type });
      const dir = tempDir();
      const records = type === "q4_K" ? 15 : 30;
      const r = await TrainerProcess.run(
        "lora",
        { base, train: writePairs(dir, "t.jsonl", records, 4), val_fraction: 0.2, out: join(dir, "a.gguf"), rank: 4, lr: 0.003, epochs: 2, ctx: 256, seed: 1 },
        { threads: 2 },
      );
      expect(r.val_loss).toBeLessThan(r.initial_val_loss!);
      expect(r.train_pairs).toBe(records - Math.floor(records * 0.2));
    });
  }
});

describe("collapse-trainer eval", () => {
  it("gives the perplexity of answers, lower under an adapter trained on them", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const data = writePairs(dir, "d.jsonl", 20, 6);
    await TrainerProcess.run(
      "lora",
      { base, train: data, val_fraction: 0, out: join(dir, "a.gguf"), rank: 8, lr: 0.005, epochs: 4, ctx: 256, seed: 2 },
      { threads: 2 },
    );
    const plain = await TrainerProcess.run("eval", { base, data, per_item: true });
    const tuned = await TrainerProcess.run("eval", { base, adapter: join(dir, "a.gguf"), data });
    expect(plain.items).toBe(20);
    expect(plain.per_item).toHaveLength(20);
    expect(plain.perplexity).toBeCloseTo(Math.exp(plain.mean_nll), 6);
    expect(tuned.mean_nll).toBeLessThan(plain.mean_nll - 0.1);
  });
});

describe("collapse-trainer rejects bad input with a clear error and its exit code", () => {
  it("bad arguments and configs (exit 2)", () => {
    expect(runRaw(["frobnicate"]).status).toBe(2);
    const r = runRaw(["lora"], "{not json");
    expect(r.status).toBe(2);
    expect(r.lines.at(-1)).toMatchObject({ type: "error", code: "bad_config" });
    expect(runRaw(["lora"], { base: "/x" }).lines.at(-1)!.message).toMatch(/base: file not found|"train" is required/);
  });

  it("a missing file, a file that is not GGUF, an unsupported architecture, an empty dataset (exit 3)", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const train = writePairs(dir, "t.jsonl", 5, 1);
    const missing = runRaw(["lora"], { base: join(dir, "nope.gguf"), train, out: join(dir, "a.gguf") });
    expect(missing.status).toBe(3);
    expect(missing.lines.at(-1)).toMatchObject({ type: "error", code: "missing_file" });
    writeFileSync(join(dir, "fake.gguf"), "not a model at all");
    expect(runRaw(["lora"], { base: join(dir, "fake.gguf"), train, out: join(dir, "a.gguf") }).lines.at(-1)).toMatchObject({ code: "not_gguf" });
    copyFileSync(bundledVocab("gpt-2"), join(dir, "gpt2.gguf"));
    const arch = runRaw(["lora"], { base: join(dir, "gpt2.gguf"), train, out: join(dir, "a.gguf") });
    expect(arch.status).toBe(3);
    expect(arch.lines.at(-1)!.message).toMatch(/architecture "gpt2" .*is not supported/);
    writeFileSync(join(dir, "empty.jsonl"), "\n");
    expect(runRaw(["lora"], { base, train: join(dir, "empty.jsonl"), out: join(dir, "a.gguf") }).lines.at(-1)).toMatchObject({ code: "empty_dataset" });
  });

  it("a recipe that does not fit in memory (exit 4) instead of a crash", () => {
    const r = runRaw(["init"], { vocab: bundledVocab("llama-spm"), out: "/tmp/never.gguf", n_embd: 65536, n_layer: 512, n_head: 64, n_ff: 65536 });
    expect(r.status).toBe(4);
    expect(r.lines.at(-1)).toMatchObject({ type: "error", code: "out_of_memory" });
  });

  it("TrainerProcess maps them to TrainerError", async () => {
    const err = await TrainerProcess.run("eval", { base: "/nonexistent.gguf", data: "/nonexistent.jsonl" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrainerError);
    expect((err as TrainerError).exitCode).toBe(3);
  });
});
