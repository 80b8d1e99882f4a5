import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useFreshUi } from "./support/uiSession";
import { exportableStudy } from "../fixtures/exportableStudy";
import { pngPixels } from "../helpers/pngPixels";

/** The Results place on a stored study (no trainer, no llama.cpp): the folder export runs in core. */
// each test starts its own workspace, lab serve and page: that start-up is part of its time (it was a beforeAll before)
describe("exporting from the Results place", { timeout: 300_000 }, () => {
  const openUi = useFreshUi("collapse-lab-e2e-export-", { prepare: async (dir) => void (await exportableStudy(dir, "workspace.sqlite")).db.close() });

  /** The Results place in English, the stored study's charts drawn. */
  async function openResults(page: Page) {
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=results]");
    const place = page.getByTestId("place-results");
    await place.getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
    return place;
  }

  test("each curve has its interval band and the noise floor, and one chart saves as an opaque PNG from the window", async () => {
    const { page, problems } = await openUi();
    const place = await openResults(page);
    const chart = place.getByTestId("collapse-charts").locator('canvas[aria-label="kl_unigram_vs_real"]');
    const series = JSON.parse((await chart.getAttribute("data-series"))!) as string[];
    // two models × two designs: a line each, a band (low and high) each, and the dashed noise floor
    expect(series.filter((s) => !/ (low|high)$/.test(s) && s !== "noise floor")).toHaveLength(4);
    expect(series.filter((s) => s.endsWith(" low"))).toHaveLength(4);
    expect(series.filter((s) => s.endsWith(" high"))).toHaveLength(4);
    expect(series).toContain("noise floor");
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThanOrEqual(4 * 3 * 2);

    const [download] = await Promise.all([page.waitForEvent("download"), place.getByRole("button", { name: "Chart PNG: kl_unigram_vs_real" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^study-\d+-kl_unigram_vs_real\.png$/);
    const png = await pngPixels(readFileSync((await download.path())!));
    const box = (await chart.boundingBox())!;
    expect(png.width).toBe(Math.round(box.width));
    expect(png.transparent).toBe(0);
    expect(png.inked).toBeGreaterThan(2000);
    expect(png.colours, "several series colours and their bands").toBeGreaterThan(8);
    expect(problems).toEqual([]);
  });

  test("any metric of the study gets its curve: the key ones first, one more ticked, then all", async () => {
    const { page, problems } = await openUi();
    const place = await openResults(page);
    const charts = place.getByTestId("collapse-charts");
    const drawn = () => charts.locator("canvas").evaluateAll((els) => els.map((c) => c.getAttribute("aria-label")));
    expect(await drawn()).toEqual(["kl_unigram_vs_real", "distinct_3"]);
    const picker = place.getByTestId("metric-picker");
    // metric names as words, not ids
    expect((await picker.locator("label").allTextContents()).sort()).toEqual(["KL vs M1", "KL vs real (words)", "distinct word triples (distinct-3)"]);
    await picker.getByLabel("KL vs M1").check();
    await expect.poll(drawn).toContain("kl_unigram_vs_m1");
    const m1 = charts.locator('canvas[aria-label="kl_unigram_vs_m1"]');
    // KL vs M1 has its own floor (generation 1 sampled twice); this study stored none, and the
    // real data's floor (different prompts) is not drawn on a same-prompt comparison
    expect(JSON.parse((await m1.getAttribute("data-series"))!)).not.toContain("noise floor");
    await picker.getByLabel("distinct word triples (distinct-3)").uncheck();
    await expect.poll(drawn).not.toContain("distinct_3");
    await picker.getByRole("button", { name: "All metrics" }).click();
    await expect.poll(async () => (await drawn()).sort()).toEqual(["distinct_3", "kl_unigram_vs_m1", "kl_unigram_vs_real"]);
    expect(problems).toEqual([]);
  });

  test("writes the files into a folder; the window's CSV download is byte for byte the exported metrics.csv; a PDF of the report", async () => {
    const { dir, page, problems } = await openUi();
    const place = await openResults(page);
    const out = join(dir, "export");
    await place.getByPlaceholder("/home/user/collapse-export").fill(out);
    await place.getByTestId("export-server").click();
    await expect.poll(() => place.locator(".ok-note").textContent(), { timeout: 30_000 }).toContain("report.html");
    expect(readdirSync(out).sort()).toEqual(["metrics.csv", "report.html", "samples.jsonl"]);

    const [download] = await Promise.all([page.waitForEvent("download"), place.getByTestId("export-csv").click()]);
    expect(readFileSync((await download.path())!, "utf8")).toBe(readFileSync(join(out, "metrics.csv"), "utf8"));

    // the samples the window shows, as JSON Lines: one object per sample, each naming its study and generation
    const [jsonl] = await Promise.all([page.waitForEvent("download"), place.getByRole("button", { name: "Samples JSONL" }).click()]);
    const samples = readFileSync((await jsonl.path())!, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { study: number; generation: number; output: string });
    expect(samples.length).toBeGreaterThan(0);
    expect(new Set(samples.map((x) => x.generation))).toEqual(new Set([1, 2]));
    expect(samples.every((x) => typeof x.study === "number" && typeof x.output === "string")).toBe(true);

    // The window's own HTML report draws its tables with the same shared table code as core's.
    const [html] = await Promise.all([page.waitForEvent("download"), place.getByRole("button", { name: "HTML report" }).click()]);
    const windowReport = readFileSync((await html.path())!, "utf8");
    const coreReport = readFileSync(join(out, "report.html"), "utf8");
    const m1Table = (doc: string) =>
      doc.slice(doc.indexOf('<table data-metric="kl_unigram_vs_m1">'), doc.indexOf("</table>", doc.indexOf('<table data-metric="kl_unigram_vs_m1">')));
    expect(m1Table(windowReport)).toContain("<th>M1</th><th>M2</th>");
    expect(m1Table(windowReport)).toBe(m1Table(coreReport));

    // PDF: core prints its report with headless Chromium into the same folder
    await place.getByTestId("export-pdf").click();
    await expect.poll(() => place.locator(".ok-note").textContent(), { timeout: 60_000 }).toContain("report.pdf");
    expect(readFileSync(join(out, "report.pdf")).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(problems).toEqual([]);
  });
});
