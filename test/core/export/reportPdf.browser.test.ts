import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { findChromium } from "../../../electron/core/export/reportPdf";
import { useTempDir } from "../../helpers/tempDir";
import { exportableStudy } from "../../fixtures/exportableStudy";

const tempDir = useTempDir();

describe("report.pdf (the offline report printed by headless Chromium)", () => {
  it("is a PDF of several pages with the report's text, written like every other export file", async () => {
    expect(findChromium(), "a Chromium-family browser (CI installs Debian's chromium)").not.toBeNull();
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const out = join(dir, "export");
    expect(await exportStudy(db, { experimentId: studyId, dir: out, formats: ["pdf"] })).toEqual({ dir: out, files: ["report.pdf"] });
    db.close();
    const pdf = readFileSync(join(out, "report.pdf"));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length).toBeGreaterThan(1);
    expect(pdf.length).toBeGreaterThan(30_000);
    expect(readdirSync(out)).toEqual(["report.pdf"]);
  });

  it("without a browser: a clear error naming what is missing, and nothing written", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const out = join(dir, "export");
    const saved = process.env.COLLAPSE_CHROMIUM;
    process.env.COLLAPSE_CHROMIUM = join(dir, "no-such-browser");
    try {
      await expect(exportStudy(db, { experimentId: studyId, dir: out, formats: ["csv", "pdf"] })).rejects.toThrow(/a PDF needs a Chromium-family browser/);
    } finally {
      if (saved === undefined) delete process.env.COLLAPSE_CHROMIUM;
      else process.env.COLLAPSE_CHROMIUM = saved;
      db.close();
    }
    expect(existsSync(join(out, "metrics.csv"))).toBe(false);
  });
});
