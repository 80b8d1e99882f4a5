/**
 * Runs `work` after every earlier call's work has ended, failed or not. A study's generate jobs go
 * through one queue per process even when the runner runs jobs side by side (parallelJobs): their
 * decodes share libuv's one thread anyway (GENERATION_ENV), so two at once gain nothing, and one
 * node-llama-cpp load at a time keeps its instance and vocabulary loads out of each other's way.
 */
export function oneAtATime(): <T>(work: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>) => {
    const run = last.then(work, work);
    last = run.catch(() => undefined);
    return run;
  };
}
