import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { exportStudy } from "../../electron/core/export/exportStudy";
import { exportableStudy } from "../fixtures/exportableStudy";
import { useTempDir } from "../helpers/tempDir";
import { launchChromium } from "./support/browser";

const tempDir = useTempDir();

describe("report.html in Debian's Chromium, opened from disk", () => {
  test("makes no network request, draws every chart, and saves each chart as a PNG", async () => {
    const dir = tempDir();
    const { db, studyId } = await exportableStudy(dir);
    const { dir: out } = await exportStudy(db, { experimentId: studyId, dir: join(dir, "report"), formats: ["html"] });
    db.close();
    const url = pathToFileURL(join(out, "report.html")).href;

    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      // Recorded and refused: nothing but the report file itself may be loaded.
      await context.route("**/*", (route) => (route.request().url() === url ? route.continue() : (requests.push(route.request().url()), route.abort())));
      const page = await context.newPage();
      page.on("request", (r) => r.url() !== url && requests.push(r.url()));
      const problems: string[] = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(url, { waitUntil: "load" });

      const canvases = await page.locator("canvas").evaluateAll((els) =>
        (els as HTMLCanvasElement[]).map((c) => {
          const { data } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
          let inked = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 230 || data[i + 1]! < 230 || data[i + 2]! < 230)) inked++;
          return { metric: c.dataset.metric, width: c.width, inked };
        }),
      );
      expect(canvases.map((c) => c.metric)).toEqual(["kl_unigram_vs_real", "kl_unigram_vs_m1", "distinct_3"]);
      for (const c of canvases) {
        expect(c.width).toBeGreaterThan(100);
        expect(c.inked, `${c.metric} has lines, axes and text`).toBeGreaterThan(1000);
      }

      const [download] = await Promise.all([page.waitForEvent("download"), page.locator('button[data-png="1"]').click()]);
      expect(download.suggestedFilename()).toBe("kl_unigram_vs_m1.png");
      const png = readFileSync((await download.path())!);
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");

      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
