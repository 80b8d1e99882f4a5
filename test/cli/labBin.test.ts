import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { runLab } from "../helpers/runLab";
import { useTempDir } from "../helpers/tempDir";

const tempDir = useTempDir();

/**
 * The bin itself (electron/cli/main.ts, started as `npm run lab` starts it): what a process adds to
 * runCli, which the other CLI tests call in-process. Ctrl-C is test/cli/interruptImport.test.ts.
 */
describe("the lab bin: a real process", () => {
  it("exits 0 with the result alone on stdout; a failure exits 1 with the handlers' error on stderr and, with --json, on stdout", { timeout: 300_000 }, () => {
    const db = join(tempDir(), "ws.sqlite");
    const ok = runLab(["synth", "--records", "30", "--seed", "7", "--db", db, "--json"]);
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ rowsRead: 30, status: "imported" });

    const bad = runLab(["records", "--db", db, "--limit", "0", "--json"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('error: --limit must be a positive integer, got "0"\n');
    expect(JSON.parse(bad.stdout)).toEqual({ error: { code: "invalid-argument", message: '--limit must be a positive integer, got "0"', field: "--limit" } });
  });
});
