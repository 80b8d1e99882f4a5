import { describe, expect, test } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { dropFile } from "./support/dropFile";
import { useFreshUi } from "./support/uiSession";
import { labIn } from "./support/labIn";

// A hospital export as it comes: Windows-1251, semicolons, its own column names (only «Вывод» is a
// known one), a label without a number (warning) and a duplicate row (warning).
const ROWS = [
  ["Код", "Текст протокола", "Вывод"],
  [
    "A-1",
    "В правой доле узел 12 мм, изоэхогенный, EU-TIRADS 3. В левой доле узел 8 мм, гипоэхогенный, EU-TIRADS 4.",
    "Узловые образования обеих долей EU-TIRADS 3, EU-TIRADS 4.",
  ],
  ["A-2", "Щитовидная железа без очаговых изменений.", "Эхопризнаки диффузных изменений. EU-TIRADS"],
  [
    "A-1",
    "В правой доле узел 12 мм, изоэхогенный, EU-TIRADS 3. В левой доле узел 8 мм, гипоэхогенный, EU-TIRADS 4.",
    "Узловые образования обеих долей EU-TIRADS 3, EU-TIRADS 4.",
  ],
  ["A-3", "В перешейке узел 5 мм, анэхогенный, TI-RADS 2.", "Коллоидный узел перешейка EU-TIRADS 2."],
];
const LARGE_ROWS = 40_000;

function writeExport(dir: string): void {
  writeFileSync(join(dir, "выгрузка.csv"), iconv.encode(ROWS.map((r) => r.map((c) => `"${c}"`).join(";")).join("\r\n") + "\r\n", "win1251"));
}

/** The hospital export imported with the corrections the window makes to it (description ← «Текст протокола», record number ← «Код»). */
async function importedExport(dir: string): Promise<void> {
  writeExport(dir);
  await labIn(dir, "import", join(dir, "выгрузка.csv"), "--map", "description=Текст протокола,conclusion=Вывод,sourceId=Код");
}

function writeLargeExport(file: string): void {
  const lines = ["id;Описание;Заключение"];
  for (let i = 0; i < LARGE_ROWS; i++)
    lines.push(`${i};"В правой доле узел ${(i % 40) + 3} мм, изоэхогенный, EU-TIRADS ${(i % 4) + 2}. Запись ${i}.";"Узловой зоб, EU-TIRADS ${(i % 4) + 2}."`);
  writeFileSync(file, lines.join("\n") + "\n");
}

/** Waits until the preview has read the file again after a change of its settings. */
async function previewSettled(page: Page): Promise<void> {
  await expect.poll(() => page.getByTestId("import-preview").getAttribute("aria-busy")).toBe("false");
}

/** Checks a file by its path in the import panel and waits for its preview. */
async function check(page: Page, path: string): Promise<void> {
  const panel = page.getByTestId("import-panel");
  await panel.locator('input[name="path"]').fill(path);
  await panel.getByRole("button", { name: "Проверить файл" }).click();
  await page.getByTestId("import-preview").waitFor();
  await previewSettled(page);
}

// each test starts its own workspace, lab serve and page: that start-up is part of its time (it was a beforeAll before)
describe("the Data place through lab serve in Chromium", { timeout: 300_000 }, () => {
  const openUi = useFreshUi("collapse-lab-e2e-data-");

  test("a wrong path is answered with a sentence naming the file", async () => {
    const { dir, page, problems } = await openUi();
    await check(page, join(dir, "нет-такого.csv"));
    const alert = page.getByTestId("import-preview").getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("нет-такого.csv");
    expect(await alert.textContent()).toContain("does not exist");
    expect(problems).toEqual([]);
  });

  test("previews a Windows-1251 CSV, takes corrections of encoding and columns before importing, then shows the report", async () => {
    const { dir, page, problems } = await openUi({ prepare: writeExport });
    await check(page, join(dir, "выгрузка.csv"));
    const preview = page.getByTestId("import-preview");
    // detected: encoding and delimiter; the description column is unknown, so nothing can be imported yet
    expect(await preview.getByTestId("preview-encoding").locator("option").first().textContent()).toContain("windows-1251");
    expect(await preview.getByTestId("preview-delimiter").locator("option").first().textContent()).toContain("; (точка с запятой)");
    expect(await preview.getByTestId("preview-missing").textContent()).toContain("Описание");
    expect(await preview.getByTestId("preview-map-conclusion").inputValue()).toBe("Вывод");
    expect(await preview.getByTestId("preview-import").isDisabled()).toBe(true);

    // a wrong encoding garbles the headers and the text; back to the detected one
    await preview.getByTestId("preview-encoding").selectOption("koi8-r");
    await previewSettled(page);
    expect(await preview.getByTestId("preview-map-description").locator("option").allTextContents()).not.toContain("Текст протокола");
    expect(await preview.getByTestId("preview-rows").textContent()).not.toContain("узел");
    await preview.getByTestId("preview-encoding").selectOption("");
    await previewSettled(page);

    await preview.getByTestId("preview-map-description").selectOption("Текст протокола");
    await previewSettled(page);
    await preview.getByTestId("preview-map-sourceId").selectOption("Код");
    await previewSettled(page);
    expect(await preview.getByTestId("preview-missing").count()).toBe(0);
    const rows = preview.getByTestId("preview-rows");
    expect(await rows.locator("tr[data-row='1']").textContent()).toContain("A-1В правой доле узел 12 мм");
    expect(await rows.locator("tr[data-row='2']").textContent()).toContain("label_without_number");
    expect(await preview.getByTestId("preview-import").isEnabled()).toBe(true);
    await screenshot(page, "data-import-preview");

    await preview.getByTestId("preview-import").click();
    const report = page.getByTestId("import-report");
    await report.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("import-preview").count()).toBe(0);
    expect(await report.getByTestId("report-encoding").textContent()).toBe("windows-1251");
    expect(await report.getByTestId("report-delimiter").textContent()).toContain(";");
    const mapping = await report.getByTestId("report-mapping").textContent();
    expect(mapping).toContain("Описание ← «Текст протокола»");
    expect(mapping).toContain("Заключение ← «Вывод»");
    expect(mapping).toContain("Номер записи ← «Код»");
    const warnings = await report.getByTestId("report-warnings").textContent();
    expect(warnings).toContain("duplicate_record");
    expect(warnings).toContain("label_without_number");
    // the duplicate is the fourth row of the file (third data row)
    expect(await report.locator("tr", { hasText: "duplicate_record" }).locator("td").first().textContent()).toBe("3");
    expect(await page.getByTestId("dataset-list").textContent()).toContain("выгрузка.csv");
    await screenshot(page, "data-import-report");
    expect(problems).toEqual([]);
  });

  test("browses records with EU-TIRADS labels and nodules highlighted", async () => {
    const { page, problems } = await openUi({ prepare: importedExport });
    const browserPane = page.getByTestId("record-browser");
    await browserPane.getByTestId("record").first().waitFor();
    expect(await browserPane.getByTestId("record").count()).toBe(3);
    const first = browserPane.getByTestId("record").first();
    expect(await first.locator("mark.label").allTextContents()).toEqual(["EU-TIRADS 3", "EU-TIRADS 4", "EU-TIRADS 3", "EU-TIRADS 4"]);
    expect(await first.locator("[data-nodule]").count()).toBeGreaterThanOrEqual(2);
    expect(await first.textContent()).toContain("3, 4");
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, "data-records");
    expect(problems).toEqual([]);
  });

  test("shows corpus statistics with charts", async () => {
    const { page, problems } = await openUi({ prepare: importedExport });
    await page.getByRole("tab", { name: "Статистика корпуса" }).click();
    const stats = page.getByTestId("corpus-stats");
    await stats.waitFor();
    expect(await stats.locator("canvas").count()).toBe(4);
    expect(await stats.textContent()).toContain("Узлов");
    await stats.scrollIntoViewIfNeeded();
    await screenshot(page, "data-stats");
    expect(problems).toEqual([]);
  });

  test("a file dropped on the page is uploaded, previewed with what was detected, and imported", async () => {
    const { dir, page, problems } = await openUi();
    const tsv =
      ["id\tdescription\tconclusion", "D-1\tВ левой доле узел 7 мм, EU-TIRADS 3.\tУзел левой доли EU-TIRADS 3.", "D-2\tУзлов нет.\tБез патологии."].join(
        "\r\n",
      ) + "\r\n";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]);
    await dropFile(page.getByTestId("import-panel"), "перетащенный.tsv", bytes, "text/tab-separated-values");
    const preview = page.getByTestId("import-preview");
    await preview.waitFor({ timeout: 30_000 });
    await previewSettled(page);
    expect(await preview.locator(".file-path").textContent()).toBe("перетащенный.tsv");
    expect(await preview.getByTestId("preview-encoding").locator("option").first().textContent()).toContain("utf-16le");
    expect(await preview.getByTestId("preview-delimiter").locator("option").first().textContent()).toContain("табуляция");
    expect(await preview.getByTestId("preview-rows").textContent()).toContain("В левой доле узел 7 мм");
    await preview.getByTestId("preview-import").click();
    const report = page.getByTestId("import-report");
    await expect.poll(() => page.getByTestId("dataset-list").textContent(), { timeout: 60_000 }).toContain("перетащенный.tsv");
    expect(await report.getByTestId("report-format").textContent()).toBe("tsv");
    expect(await report.textContent()).toContain("импортирован как набор");
    // the bytes went into the workspace's uploads folder, unchanged
    expect(readFileSync(join(dir, "uploads", "перетащенный.tsv")).equals(bytes)).toBe(true);
    expect(problems).toEqual([]);
  });

  test("a file chosen in the file dialog goes the same way: uploaded, previewed, imported", async () => {
    const { page, problems } = await openUi();
    const csv = 'Описание,Заключение\n"В правой доле узел 9 мм, EU-TIRADS 4.",Узел правой доли EU-TIRADS 4.\nЩитовидная железа не изменена.,Без патологии.\n';
    await page.getByTestId("import-file").setInputFiles({ name: "выбранный.csv", mimeType: "text/csv", buffer: iconv.encode(csv, "koi8-r") });
    const preview = page.getByTestId("import-preview");
    await expect.poll(() => preview.locator(".file-path").textContent(), { timeout: 30_000 }).toBe("выбранный.csv");
    await previewSettled(page);
    expect(await preview.getByTestId("preview-encoding").locator("option").first().textContent()).toContain("koi8-r");
    expect(await preview.getByTestId("preview-rows").textContent()).toContain("В правой доле узел 9 мм");
    await preview.getByTestId("preview-import").click();
    await expect.poll(() => page.getByTestId("dataset-list").textContent(), { timeout: 60_000 }).toContain("выбранный.csv");
    expect(await page.getByTestId("import-report").getByTestId("report-format").textContent()).toBe("csv");
    expect(problems).toEqual([]);
  });

  test("a broken or empty file dropped on the page is explained in a sentence and not imported", async () => {
    const { dir, page, problems } = await openUi();
    await dropFile(page.getByTestId("import-panel"), "сломанный.csv", Buffer.from('Описание,Заключение\nузел,зоб\n"узел,зоб\n'));
    const preview = page.getByTestId("import-preview");
    await expect.poll(() => preview.locator(".file-path").textContent(), { timeout: 30_000 }).toBe("сломанный.csv");
    await previewSettled(page);
    const problem = preview.getByTestId("preview-problem");
    expect(await problem.textContent()).toContain("Файл нельзя импортировать в таком виде");
    expect(await problem.textContent()).toContain("сломанный.csv: line 3: a quoted field is never closed");
    expect(await preview.getByTestId("preview-import").isDisabled()).toBe(true);

    await dropFile(page.getByTestId("import-panel"), "пустой.csv", Buffer.alloc(0));
    expect(await page.getByTestId("import-panel").getByRole("alert").textContent()).toContain("Файл пустой.csv пуст: импортировать нечего.");
    await page.getByTestId("import-preview").getByRole("button", { name: "Закрыть" }).click();
    expect(existsSync(join(dir, "uploads", "пустой.csv"))).toBe(false);
    expect(problems).toEqual([]);
  });

  test("a large export shows a progress bar while it imports", async () => {
    const { dir, page, problems } = await openUi({ prepare: (d) => writeLargeExport(join(d, "большая.csv")) });
    await check(page, join(dir, "большая.csv"));
    // record every state of the progress bar, however briefly it shows
    await page.evaluate(() => {
      const seen: { now: string | null; label: string | null }[] = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector("[data-testid=import-preview] [role=progressbar]");
        if (bar) seen.push({ now: bar.getAttribute("aria-valuenow"), label: bar.getAttribute("aria-label") });
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    await page.getByTestId("preview-import").click();
    await page.getByTestId("import-report").waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: { now: string | null; label: string | null }[] }).progressSeen);
    const rows = seen.map((s) => Number(/(\d+)/.exec(s.label ?? "")?.[1] ?? 0));
    expect(Math.max(...rows), JSON.stringify(seen.slice(0, 20))).toBeGreaterThanOrEqual(2000);
    expect(
      seen.some((s) => Number(s.now) > 0 && Number(s.now) < 100),
      JSON.stringify(seen.slice(0, 20)),
    ).toBe(true);
    expect((await page.getByTestId("import-report").locator(".counts b").first().textContent())?.replace(/\D/g, "")).toBe(String(LARGE_ROWS));
    expect(problems).toEqual([]);
  });

  test("switches to English and back, remembering the choice", async () => {
    const { dir, page, problems } = await openUi({ prepare: writeExport });
    // an import's report on the page, whose heading changes language too
    await check(page, join(dir, "выгрузка.csv"));
    await page.getByTestId("preview-map-description").selectOption("Текст протокола");
    await previewSettled(page);
    await page.getByTestId("preview-import").click();
    await page.getByTestId("import-report").waitFor({ timeout: 60_000 });
    await page.getByTestId("language").selectOption("en");
    expect(await page.locator("h1").first().textContent()).toBe("Data");
    expect(await page.getByTestId("import-report").locator("h2").textContent()).toBe("Import report");
    await page.reload();
    expect(await page.locator("h1").first().textContent()).toBe("Data");
    await page.getByTestId("language").selectOption("ru");
    expect(await page.locator("h1").first().textContent()).toBe("Данные");
    expect(problems).toEqual([]);
  });

  test("no console errors and no CSP violations", async () => {
    // each test above asserts this of its own page; here, the place with a dataset, its records and its statistics, in both languages
    const { page, problems } = await openUi({ prepare: importedExport });
    for (const lang of ["en", "ru"]) {
      await page.getByTestId("language").selectOption(lang);
      await page.getByTestId("record-browser").getByTestId("record").first().waitFor();
      await page.getByRole("tab", { name: lang === "en" ? "Corpus statistics" : "Статистика корпуса" }).click();
      await page.getByTestId("corpus-stats").locator("canvas").first().waitFor();
      await page.getByRole("tab", { name: lang === "en" ? "Records" : "Записи" }).click();
    }
    expect(problems).toEqual([]);
  });
});
