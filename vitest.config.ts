import { defineConfig } from "vitest/config";

/*
 * Tests run under plain Node (never Electron): real SQLite files, real child processes. A test file's
 * name says what it needs, and that picks its project (and so its global setup):
 *
 *   x.test.ts          unit: nothing built. `npm run test:unit` runs these alone, with no global setup.
 *   x.native.test.ts   the native trainer or node-llama-cpp's local CPU binding (tiny models,
 *                      training, generation): the native build runs first (minutes once, then cached).
 *   x.browser.test.ts  Debian's Chromium (and whatever else the UI needs: the renderer and native builds).
 *
 * `npm test` runs all three. A unit test that reaches for the trainer or the browser fails with a
 * message naming this rule (test/helpers/testTier.ts), so a misnamed file is noticed at once.
 */
const NATIVE = "test/**/*.native.test.ts";
const BROWSER = "test/**/*.browser.test.ts";

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [NATIVE, BROWSER],
          env: { COLLAPSE_TEST_TIER: "unit" },
          // vitest's default is one worker fewer than the cores: one worker on 2 cores, while the unit
          // files are plain CPU work or wait on their own children. A worker per core; its own group
          // (first in `npm test`), as vitest runs projects with different worker counts apart
          maxWorkers: "100%",
          // a worker reuses its module graph from file to file: importing the core afresh for each of
          // some 80 files cost a quarter of the tier's CPU time (all pass without it: none leaves state behind)
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "native",
          include: [NATIVE],
          env: { COLLAPSE_TEST_TIER: "native" },
          globalSetup: ["test/setup/buildNative.ts"],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          sequence: { groupOrder: 1 },
          include: [BROWSER],
          env: { COLLAPSE_TEST_TIER: "browser" },
          globalSetup: ["test/setup/buildNative.ts", "test/setup/buildRenderer.ts"],
        },
      },
    ],
  },
});
