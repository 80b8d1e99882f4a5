/**
 * The environment a process that generates must start with (libuv reads it once, when its thread
 * pool first starts, which is before any of our code runs: setting it from inside is too late).
 *
 * UV_THREADPOOL_SIZE=1: every node-llama-cpp decode then runs on the same libuv thread. With
 * node's default pool of 4, consecutive decodes land on different threads, and a 2-thread decode
 * step ran slower than a 1-thread one (with ggml's own thread pool, several times slower; figures
 * in bench/RESULTS.md). The price: the contexts of "lanes" decode one at a time.
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
