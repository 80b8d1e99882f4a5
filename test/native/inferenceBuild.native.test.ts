import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inferenceBuildDir, inferenceBuildReady } from "../../native/scripts/buildInference";
import { LlamaRuntime } from "../../electron/core/generate/LlamaRuntime";
import { GENERATION_ENV, threadPoolSize } from "../../electron/core/generate/generationEnv";

describe("the CPU inference binding and the environment of generating processes", () => {
  it("the global setup built node-llama-cpp's CPU binding from its bundle, and node-llama-cpp loads it rather than its prebuilt binary", async () => {
    expect(inferenceBuildReady()).toBe(true);
    expect(readFileSync(`${inferenceBuildDir()}/collapse.stamp`, "utf8").trim()).toMatch(/^[0-9a-f]{16}$/);
    const { backend } = await LlamaRuntime.get();
    if (backend.gpu === false) expect(backend.build).toBe("localBuild");
  });

  it("the CLI's environment file holds exactly GENERATION_ENV, and a process started with it has a one-thread libuv pool", () => {
    const file = readFileSync("electron/cli/generation.env", "utf8");
    const vars = Object.fromEntries(
      file
        .split("\n")
        .filter((l) => l.trim() && !l.startsWith("#"))
        .map((l) => l.split("=") as [string, string]),
    );
    expect(vars).toEqual(GENERATION_ENV);
    // what node itself reads: the variable is in the child's environment before any of its code runs
    // (a variable already in the environment wins over the file: a user's own setting is kept)
    const { UV_THREADPOOL_SIZE: _, ...env } = process.env;
    const r = spawnSync(process.execPath, ["--env-file=electron/cli/generation.env", "-p", "process.env.UV_THREADPOOL_SIZE"], { encoding: "utf8", env });
    expect(r.stdout.trim()).toBe("1");
    expect(threadPoolSize({ UV_THREADPOOL_SIZE: "1" })).toBe(1);
    expect(threadPoolSize({})).toBe(4);
  });
});
