import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { existsSync, readdirSync, statSync } from "node:fs";
import { TrainerProcess } from "../../electron/core/train/TrainerProcess";
import { TrainerError, TrainerStoppedError } from "../../electron/core/train/TrainerError";
import { TRAINER_EXIT } from "../../electron/core/train/trainerConfig";
import { useTempDir } from "../helpers/tempDir";
import { useSmallDisk } from "../helpers/smallDisk";
import { sha256 } from "../helpers/sha256";
import { tinyModel, writePairs } from "../helpers/tinyModel";

const tempDir = useTempDir();
const disk = useSmallDisk();
const pages = (bytes: number) => Math.ceil(bytes / 4096);

describe("a training checkpoint that meets a full disk", () => {
  it("fails naming the folder, keeps the previous checkpoint whole, and a resume ends with the adapter of an uninterrupted run", async () => {
    const base = await tinyModel();
    const dir = tempDir();
    const train = writePairs(dir, "train.jsonl", 60, 3);
    const cfg = {
      base,
      train,
      val_fraction: 0.1,
      rank: 4,
      alpha: 8,
      lr: 0.002,
      epochs: 2,
      ctx: 256,
      seed: 9,
      schedule: "cosine" as const,
      checkpoint_every: 10,
    };
    await TrainerProcess.run("lora", { ...cfg, out: join(dir, "full.gguf"), checkpoint: join(dir, "full.ckpt") }, { threads: 2 });

    // the checkpoint's two files (adapter, optimizer state), measured on a stop
    const abort = new AbortController();
    const stopped = TrainerProcess.run(
      "lora",
      { ...cfg, out: join(dir, "measured.gguf"), checkpoint: join(dir, "measured.ckpt") },
      { threads: 2, signal: abort.signal, onProgress: (p) => p.phase === "train" && p.step >= 3 && abort.abort() },
    );
    expect(await stopped.catch((e: unknown) => e)).toBeInstanceOf(TrainerStoppedError);
    const adapter = pages(statSync(join(dir, "measured.ckpt.adapter.gguf")).size);
    const state = pages(statSync(join(dir, "measured.ckpt.state.gguf")).size);
    expect(state).toBeGreaterThan(adapter);

    // room for one checkpoint and half another: the first (step 10) is written, the second (step 20) meets a full disk
    const full = disk.mount((adapter + state + Math.floor((adapter + state) / 2)) * 4);
    const ckpt = join(full, "run.ckpt");
    const out = join(dir, "resumed.gguf");
    const error = (await TrainerProcess.run("lora", { ...cfg, out, checkpoint: ckpt }, { threads: 2 }).catch((e: unknown) => e)) as TrainerError;
    expect(error).toBeInstanceOf(TrainerError);
    expect(error.exitCode).toBe(TRAINER_EXIT.disk);
    expect(error.code).toBe("disk_full");
    expect(error.message).toContain(`the disk holding ${full} is full`);
    // the previous checkpoint, whole; no temporary file and no adapter presented as finished
    expect(readdirSync(full).sort()).toEqual(["run.ckpt.adapter.gguf", "run.ckpt.state.gguf"]);
    expect(existsSync(out)).toBe(false);

    disk.resize(full, 16 * 1024);
    await TrainerProcess.run("lora", { ...cfg, out, checkpoint: ckpt }, { threads: 2, resume: true });
    expect(sha256(out)).toBe(sha256(join(dir, "full.gguf")));
    expect(readdirSync(full)).toEqual([]);
  });
});
