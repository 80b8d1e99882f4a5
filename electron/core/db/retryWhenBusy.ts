/** SQLite's "another connection holds the lock" errors, after the connection's busy_timeout ran out. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

export type RetryWhenBusyOptions = {
  /** told once per wait, so a command or runner can say why it pauses */
  onWait?: (message: string) => void;
  signal?: AbortSignal;
  /** give up after waiting this long in all (default 10 minutes) */
  maxWaitMs?: number;
};

/**
 * Runs a short synchronous write (one transaction) and, while another process holds the
 * workspace's write lock beyond busy_timeout, waits off the event loop and tries again instead of
 * failing. The write must be all-or-nothing, so trying it again is safe.
 */
export async function retryWhenBusy<T>(work: () => T, options: RetryWhenBusyOptions = {}): Promise<T> {
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000;
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return work();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const waited = Date.now() - started;
      if (waited >= maxWaitMs)
        throw new Error(
          `the workspace database stayed busy for ${Math.round(waited / 1000)} s: another Collapse Lab process is writing to it; try again when it is done`,
          { cause: error },
        );
      options.onWait?.(`the workspace database is busy (another process is writing); waiting and trying again (attempt ${attempt})`);
      await new Promise((r) => setTimeout(r, Math.min(1000, 50 * attempt)));
    }
  }
}
