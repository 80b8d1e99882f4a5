import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { useTempDir } from "../helpers/tempDir";

const tempDir = useTempDir("collapse-gpu-bench-");
const SCRIPT = join(import.meta.dirname, "..", "..", "bench", "gpu", "gpu_bench.py");
const PATCHES = join(import.meta.dirname, "..", "..", "native", "patches");
const LLAMA_PATCHES = join(import.meta.dirname, "..", "..", "node_modules", "node-llama-cpp", "llama", "patches");

/** `npm run bench:gpu`'s script, as npm runs it, with nvidia-smi and nvcc named by the environment (the probe the script reads). */
function gpuBench(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync("python3", [SCRIPT, ...args], { encoding: "utf8", env: { ...process.env, OUT: "", ...env }, timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run bench:gpu on a machine without a GPU", () => {
  it("refuses a bad argument before doing anything, naming it, with exit code 2", () => {
    const work = tempDir();
    const r = gpuBench(["--shape", "mistral70b", "--work", work]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--shape: invalid choice: 'mistral70b'/);
    expect(readdirSync(work)).toEqual([]);
    const cpu = gpuBench(["--cpu", "--work", work]);
    expect(cpu.code).toBe(2);
    expect(cpu.err).toMatch(/--cpu needs --tools/);
  });

  it("clones and patches the bundle's llama.cpp, then stops at the CUDA build with exit code 69: no GPU, then a GPU without nvcc", () => {
    const work = tempDir();
    const none = gpuBench(["--work", work], { NVIDIA_SMI: join(work, "no-nvidia-smi") });
    expect(none.code).toBe(69);
    expect(none.err).toMatch(/^error: no NVIDIA GPU here \(.*no-nvidia-smi.*\)\. Stopping before the CUDA build, the first step that needs one/m);
    // everything before the build ran: the source, with node-llama-cpp's patches and ours applied, 0005 (CUDA cross-entropy) among them
    const count = readdirSync(PATCHES).filter((p) => p.endsWith(".patch")).length + readdirSync(LLAMA_PATCHES).filter((p) => p.endsWith(".diff")).length;
    expect(none.out).toContain(`${count} patches applied`);
    expect(existsSync(join(work, "llama.cpp", ".collapse-patched"))).toBe(true);
    const changed = spawnSync("git", ["status", "--porcelain"], { cwd: join(work, "llama.cpp"), encoding: "utf8" }).stdout;
    expect(changed).toMatch(/ggml\/src\/ggml-cuda\//);
    expect(none.out).not.toMatch(/cmake/);

    // a GPU is listed, but the CUDA compiler is missing: the second thing the build needs
    const smi = join(work, "fake-nvidia-smi");
    writeFileSync(smi, '#!/bin/sh\necho "NVIDIA H100 80GB HBM3, 81559 MiB, 580.159.04"\n');
    chmodSync(smi, 0o755);
    const noNvcc = gpuBench(["--work", work], { NVIDIA_SMI: smi, NVCC: join(work, "no-nvcc") });
    expect(noNvcc.code).toBe(69);
    expect(noNvcc.err).toMatch(/^error: no CUDA compiler here \(.*no-nvcc --version failed\) although NVIDIA H100 80GB HBM3 is present/m);
    expect(noNvcc.out).toMatch(/cloned and patched before/);
  }, 300_000);
});
