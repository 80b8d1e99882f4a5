import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { floorPoolTooSmall } from "../../../electron/shared/charts/noiseFloors";
import type { MetricPoint } from "../../../electron/shared/domain/views";
import { useTempDir } from "../../helpers/tempDir";
import { pairedStudy } from "../../fixtures/pairedStudy";

const tempDir = useTempDir();

describe("the report answers the question, in the user's language", () => {
  it("English: the answer on the first screen, before the curves; the comparison section with its table; words, not ids", async () => {
    const dir = tempDir();
    const { db, studyId } = pairedStudy(dir);
    await exportStudy(db, { experimentId: studyId, dir: join(dir, "en"), formats: ["html"] });
    await exportStudy(db, { experimentId: studyId, dir: join(dir, "ru"), formats: ["html"], language: "ru" });
    db.close();
    const en = readFileSync(join(dir, "en", "report.html"), "utf8");
    expect(en).toContain('<html lang="en">');
    const answer = en.indexOf('<section data-testid="answer">');
    expect(answer).toBeGreaterThan(0);
    expect(answer).toBeLessThan(en.indexOf("Collapse curves"));
    expect(en).toMatch(/<li>recursive vs cross, tiny-a: KL vs M1 at M3 higher by [0-9.]+ \[[0-9.]+, [0-9.]+\], p = [0-9.]+, 6 seeds<\/li>/);
    expect(en).toContain("A = recursive:tiny-a, B = cross:tiny-a");
    expect(en).toContain("<th>exact p, Holm</th>");
    expect(en).toContain("<th>tiny-a · cross, 6 seeds</th>");
    expect(en).not.toContain("cannot reach p &lt; 0.05");

    const ru = readFileSync(join(dir, "ru", "report.html"), "utf8");
    expect(ru).toContain('<html lang="ru">');
    expect(ru).toContain("<h2>Ответ</h2>");
    expect(ru).toMatch(/<li>рекурсивная против перекрёстная, tiny-a: KL к M1 на M3 выше на [0-9,]+/);
    expect(ru).toContain("<h2>Кривые коллапса</h2>");
    expect(ru).not.toContain("<h2>Collapse curves</h2>");
  });

  it("with fewer than 6 seeds the report says the exact test cannot reach p < 0.05", async () => {
    const dir = tempDir();
    const { db, studyId } = pairedStudy(dir, 3);
    await exportStudy(db, { experimentId: studyId, dir: join(dir, "out"), formats: ["html"] });
    db.close();
    const html = readFileSync(join(dir, "out", "report.html"), "utf8");
    expect(html).toContain("With 3 seed(s) the exact sign-flip test cannot reach p &lt; 0.05");
    expect(html).toMatch(/3 seeds; with 3 seeds the exact test cannot reach p &lt; 0.05 \(smallest p 0.250\)<\/li>/);
  });

  it("notes a real pool too small for floors at the generation's size", () => {
    const p = (metric: string, value: number): MetricPoint => ({
      design: "recursive",
      model: "m",
      seed: 1,
      generation: 1,
      metric,
      value,
      low: null,
      high: null,
    });
    expect(floorPoolTooSmall([p("samples", 48), p("floor_sample_texts", 48)])).toBe(false);
    expect(floorPoolTooSmall([p("samples", 48), p("floor_sample_texts", 24)])).toBe(true);
  });
});
