import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { runLab } from "../helpers/runLab";
import { useTempDir } from "../helpers/tempDir";
import { dbDumpOfFile as tables } from "../helpers/dbDump";

const tempDir = useTempDir();

describe("lab import and Ctrl-C", () => {
  it("interrupted once rows are being stored, it exits non-zero and the workspace is as before", { timeout: 300_000 }, async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    const small = join(dir, "small.csv");
    writeFileSync(small, "Описание;Заключение\nУзел правой доли 1 см. EU-TIRADS 3;Узловой зоб\n");
    expect(runLab(["import", small, "--db", db]).status).toBe(0);
    const before = tables(db);
    const big = join(dir, "big.csv");
    const lines = Array.from({ length: 300_000 }, (_, i) => `${i};"Узел ${i} правой доли 1,${i % 10} см. EU-TIRADS 3";"Узловой зоб ${i}"`);
    writeFileSync(big, "id;Описание;Заключение\n" + lines.join("\n") + "\n");

    const child = spawn(process.execPath, ["--env-file=electron/cli/generation.env", "--import", "tsx", "electron/cli/main.ts", "import", big, "--db", db], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    let interrupted = false;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      // the first progress line: some chunks are committed, most of the file is still to come
      if (!interrupted && /\b\d+ rows \(/.test(stderr)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    const code = await exited;
    expect(interrupted, stderr).toBe(true);
    expect(code, stderr).not.toBe(0);
    expect(stderr).not.toMatch(/Imported .* as dataset/);
    expect(tables(db)).toEqual(before);
  });
});
