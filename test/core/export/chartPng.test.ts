import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { PNG_SIZE } from "../../../electron/core/export/chartPng";
import { chartFileName } from "../../../electron/core/export/studyCharts";
import { useTempDir } from "../../helpers/tempDir";
import { pngPixels } from "../../helpers/pngPixels";
import { exportableStudy } from "../../fixtures/exportableStudy";

const tempDir = useTempDir();

describe("charts/<metric>.png, drawn in Node by chart.js on @napi-rs/canvas", () => {
  it("writes one opaque, non-blank PNG per metric chart", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const out = join(dir, "export");
    const { files } = await exportStudy(db, { experimentId: studyId, dir: out, formats: ["png"] });
    db.close();
    expect(files).toEqual(["kl_unigram_vs_real", "kl_unigram_vs_m1", "distinct_3"].map((m) => `charts/${m}.png`));
    for (const f of files) {
      const png = readFileSync(join(out, f));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      const { width, height, inked, colours, transparent } = await pngPixels(png);
      expect([width, height]).toEqual([PNG_SIZE.width, PNG_SIZE.height]);
      expect(transparent, f).toBe(0);
      expect(inked, f).toBeGreaterThan(2000);
      expect(colours, `${f}: several series colours, not one flat fill`).toBeGreaterThan(8);
    }
  });

  it("a metric name from the database cannot name a file outside charts/", () => {
    expect(chartFileName("../../etc/passwd")).toBe("______etc_passwd.png");
  });
});
