import { afterAll } from "vitest";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A workspace that is costly to make (a finished real study), made once per test file when a test
 * first needs it, in a folder of its own, and copied into each test's workspace folder: the tests
 * share its cost, never its state. Use the returned function as (or in) a `prepare`.
 */
export function useSharedWorkspace(prefix: string, make: (dir: string) => Promise<void>): (dir: string) => Promise<void> {
  let made: Promise<string> | null = null;
  afterAll(async () => {
    const dir = await made?.catch(() => null);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return async (dir) => {
    made ??= (async () => {
      const source = mkdtempSync(join(tmpdir(), prefix));
      await make(source);
      return source;
    })();
    cpSync(await made, dir, { recursive: true });
  };
}
