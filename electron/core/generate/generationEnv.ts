/**
 * The environment a process that generates must start with (libuv reads it once, when its thread
 * pool first starts, which is before any of our code runs: setting it from inside is too late).
 *
 * UV_THREADPOOL_SIZE=1: every node-llama-cpp decode then runs on the same libuv thread. With
 * node's default pool of 4, consecutive decodes land on different threads, and a 2-thread decode
 * step of the 20M-parameter bench model took 4.0–4.5 ms with an OpenMP build and 13.6–17 ms with
 * ggml's own thread pool; on one thread 3.4–3.8 and 3.9–4.8 ms, as llama-batched-bench's 3.5–3.7
 * (2 cores, 2026-12-02). The price: the contexts of "lanes" decode one at a time.
 *
 * The CLI's npm scripts load the same variable from electron/cli/generation.env (`--env-file`);
 * the app's study worker is forked with it.
 */
export const GENERATION_ENV = { UV_THREADPOOL_SIZE: "1" } as const;

/** libuv's pool size in this process, as libuv reads it (default 4). */
export function threadPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.UV_THREADPOOL_SIZE);
  return Number.isInteger(n) && n > 0 ? n : 4;
}
