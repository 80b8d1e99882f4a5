import { defineConfig } from "vitest/config";

// Tests run under plain Node (never Electron): real SQLite files, real child processes.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    globalSetup: ["test/setup/buildNative.ts", "test/setup/buildRenderer.ts"],
  },
});
