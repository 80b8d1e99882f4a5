/** What each test project provides (vitest.config.ts): the file name picks the project. */
const PROVIDES: Record<string, readonly Need[]> = { unit: [], native: ["native"], browser: ["native", "browser"] };
type Need = "native" | "browser";

/**
 * Fails at once, naming the rule, when a test reaches for something its project does not build or
 * start (a `x.test.ts` that trains a tiny model, say): on a clean clone it would otherwise fail later
 * with a missing binary, or pass here only because an earlier run left one behind.
 */
export function requireTier(need: Need, what: string): void {
  const tier = process.env.COLLAPSE_TEST_TIER;
  if (tier === undefined || PROVIDES[tier]?.includes(need)) return;
  throw new Error(`${what} needs the ${need} tier, but this file runs in the ${tier} project: name it *.${need}.test.ts (see vitest.config.ts)`);
}
