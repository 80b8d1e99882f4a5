import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

/**
 * A folder on a tmpfs of the given size, unmounted after the test. The disk-full tests need it:
 * where it cannot be mounted (not root, no tmpfs) they fail with this message, never skip.
 */
export function useSmallDisk(): { mount: (sizeKiB: number) => string; resize: (dir: string, sizeKiB: number) => void } {
  const mounted: string[] = [];
  afterEach(() => {
    for (const dir of mounted.splice(0)) {
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return {
    mount: (sizeKiB) => {
      const dir = mkdtempSync(join(tmpdir(), "collapse-lab-full-"));
      try {
        execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKiB}k`, "tmpfs", dir], { stdio: "pipe" });
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        throw new Error(
          `the disk-full test needs a small tmpfs and could not mount one at ${dir} ` +
            `(run the tests as root, or where "mount -t tmpfs" is allowed): ${(error as Error).message}`,
        );
      }
      mounted.push(dir);
      return dir;
    },
    resize: (dir, sizeKiB) => void execFileSync("mount", ["-o", `remount,size=${sizeKiB}k`, dir], { stdio: "pipe" }),
  };
}
