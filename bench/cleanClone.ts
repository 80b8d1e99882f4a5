import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

/** this checkout's root, which the clean clones are made from */
export const CHECKOUT_ROOT = resolve(import.meta.dirname, "..");

export function sh(cmd: string, args: readonly string[]): void {
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed with exit code ${r.status}`);
}

/**
 * A fresh clone of this checkout's last commit in `dest`, as after `npm ci`: node_modules shared by
 * hard links (a suite that builds into a package replaces that package with a copy), or with none
 * (`withModules: false`) for a suite that times the install itself. Returns the checkout's root,
 * for suites that copy more of it.
 */
export function cloneCheckout(dest: string, options: { withModules?: boolean } = {}): string {
  sh("git", ["clone", "--quiet", CHECKOUT_ROOT, dest]);
  if (options.withModules ?? true) sh("cp", ["-al", join(CHECKOUT_ROOT, "node_modules"), join(dest, "node_modules")]);
  return CHECKOUT_ROOT;
}
