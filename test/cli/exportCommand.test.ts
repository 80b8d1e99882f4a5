import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lab } from "../helpers/runLab";
import { useTempDir } from "../helpers/tempDir";
import { exportableStudy } from "../fixtures/exportableStudy";

const tempDir = useTempDir();

describe("lab export", () => {
  it("writes the chosen files, reports them as JSON on stdout and its progress on stderr", async () => {
    const dir = tempDir();
    const { db, dbPath, studyId } = await exportableStudy(dir);
    db.close();
    const out = join(dir, "out");
    const r = await lab(["export", "--study", String(studyId), "--out", out, "--formats", "csv,html", "--db", dbPath, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ dir: out, files: ["metrics.csv", "report.html"] });
    expect(readFileSync(join(out, "metrics.csv"), "utf8")).toContain("kl_unigram_vs_m1");
    expect(existsSync(join(out, "samples.jsonl"))).toBe(false);

    const human = await lab(["export", "--study", String(studyId), "--out", out, "--formats", "jsonl", "--db", dbPath]);
    expect(human.status).toBe(0);
    expect(human.stderr).toContain("writing samples.jsonl");
    expect(human.stdout).toContain(`Study ${studyId} exported to ${out}:`);

    const all = await lab(["export", "--study", String(studyId), "--out", join(dir, "all"), "--db", dbPath, "--json"]);
    expect(all.status).toBe(0);
    expect(JSON.parse(all.stdout).files).toEqual([
      "metrics.csv",
      "samples.jsonl",
      "report.html",
      "charts/kl_unigram_vs_real.png",
      "charts/kl_unigram_vs_m1.png",
      "charts/distinct_3.png",
    ]);
  });

  it("names the problem: an unknown study (nothing written), an unknown format, a folder it cannot write", async () => {
    const dir = tempDir();
    const { db, dbPath, studyId } = await exportableStudy(dir);
    db.close();
    const out = join(dir, "never");
    const unknown = await lab(["export", "--study", "42", "--out", out, "--db", dbPath]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("there is no study 42");
    expect(existsSync(out)).toBe(false);

    const badFormat = await lab(["export", "--study", String(studyId), "--out", out, "--formats", "csv,docx", "--db", dbPath]);
    expect(badFormat.status).toBe(1);
    expect(badFormat.stderr).toContain('--formats: unknown format "docx"');
    expect(existsSync(out)).toBe(false);

    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const blocked = await lab(["export", "--study", String(studyId), "--out", join(file, "x"), "--db", dbPath, "--json"]);
    expect(blocked.status).toBe(1);
    expect(JSON.parse(blocked.stdout).error.message).toContain(`cannot write the export into ${join(file, "x")}`);
  });
});
