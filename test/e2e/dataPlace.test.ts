import { beforeAll, describe, expect, test } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { useUiSession } from "./support/uiSession";

// A hospital export as it comes: Windows-1251, semicolons, its own column names, a label without
// a number (warning) and a duplicate row (warning).
const ROWS = [
  ["Код", "Текст протокола", "Вывод"],
  ["A-1", "В правой доле узел 12 мм, изоэхогенный, EU-TIRADS 3. В левой доле узел 8 мм, гипоэхогенный, EU-TIRADS 4.", "Узловые образования обеих долей EU-TIRADS 3, EU-TIRADS 4."],
  ["A-2", "Щитовидная железа без очаговых изменений.", "Эхопризнаки диффузных изменений. EU-TIRADS"],
  ["A-1", "В правой доле узел 12 мм, изоэхогенный, EU-TIRADS 3. В левой доле узел 8 мм, гипоэхогенный, EU-TIRADS 4.", "Узловые образования обеих долей EU-TIRADS 3, EU-TIRADS 4."],
  ["A-3", "В перешейке узел 5 мм, анэхогенный, TI-RADS 2.", "Коллоидный узел перешейка EU-TIRADS 2."],
];

describe("the Data place through lab serve in Chromium", () => {
  const ui = useUiSession("collapse-lab-e2e-data-", {
    prepare: (d) => writeFileSync(join(d, "выгрузка.csv"), iconv.encode(ROWS.map((r) => r.map((c) => `"${c}"`).join(";")).join("\r\n") + "\r\n", "win1251")),
  });
  let dir: string;
  let page: Page;
  let problems: string[];
  let csv: string;

  beforeAll(() => {
    ({ dir, page, problems } = ui);
    csv = join(dir, "выгрузка.csv");
  });

  test("a wrong path is answered with a sentence naming the file", async () => {
    await page.getByTestId("import-panel").locator('input[name="path"]').fill(join(dir, "нет-такого.csv"));
    await page.getByTestId("import-panel").getByRole("button", { name: "Импортировать" }).click();
    const alert = page.getByTestId("import-panel").getByRole("alert");
    await expect.poll(() => alert.textContent()).toContain("нет-такого.csv");
    expect(await alert.textContent()).toContain("does not exist");
  });

  test("imports a Windows-1251 CSV with a column mapping and shows the report", async () => {
    const panel = page.getByTestId("import-panel");
    await panel.locator('input[name="path"]').fill(csv);
    await panel.getByPlaceholder("description=Описание, conclusion=Заключение").fill("sourceId=Код, description=Текст протокола, conclusion=Вывод");
    await panel.getByRole("button", { name: "Импортировать" }).click();
    const report = page.getByTestId("import-report");
    await report.waitFor({ timeout: 60_000 });
    expect(await report.getByTestId("report-encoding").textContent()).toBe("windows-1251");
    expect(await report.getByTestId("report-delimiter").textContent()).toContain(";");
    const mapping = await report.getByTestId("report-mapping").textContent();
    expect(mapping).toContain("description ← «Текст протокола»");
    expect(mapping).toContain("conclusion ← «Вывод»");
    const warnings = await report.getByTestId("report-warnings").textContent();
    expect(warnings).toContain("duplicate_record");
    expect(warnings).toContain("label_without_number");
    // the duplicate is the fourth row of the file (third data row)
    expect(await report.locator("tr", { hasText: "duplicate_record" }).locator("td").first().textContent()).toBe("3");
    expect(await page.getByTestId("dataset-list").textContent()).toContain("выгрузка.csv");
    await screenshot(page, "data-import-report");
  });

  test("browses records with EU-TIRADS labels and nodules highlighted", async () => {
    const browserPane = page.getByTestId("record-browser");
    await browserPane.getByTestId("record").first().waitFor();
    expect(await browserPane.getByTestId("record").count()).toBe(3);
    const first = browserPane.getByTestId("record").first();
    expect(await first.locator("mark.label").allTextContents()).toEqual(["EU-TIRADS 3", "EU-TIRADS 4", "EU-TIRADS 3", "EU-TIRADS 4"]);
    expect(await first.locator("[data-nodule]").count()).toBeGreaterThanOrEqual(2);
    expect(await first.textContent()).toContain("3, 4");
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, "data-records");
  });

  test("shows corpus statistics with charts", async () => {
    await page.getByRole("tab", { name: "Статистика корпуса" }).click();
    const stats = page.getByTestId("corpus-stats");
    await stats.waitFor();
    expect(await stats.locator("canvas").count()).toBe(4);
    expect(await stats.textContent()).toContain("Узлов");
    await stats.scrollIntoViewIfNeeded();
    await screenshot(page, "data-stats");
  });

  test("switches to English and back, remembering the choice", async () => {
    await page.getByTestId("language").selectOption("en");
    expect(await page.locator("h1").first().textContent()).toBe("Data");
    expect(await page.getByTestId("import-report").locator("h2").textContent()).toBe("Import report");
    await page.reload();
    expect(await page.locator("h1").first().textContent()).toBe("Data");
    await page.getByTestId("language").selectOption("ru");
    expect(await page.locator("h1").first().textContent()).toBe("Данные");
  });

  test("no console errors and no CSP violations", () => {
    expect(problems).toEqual([]);
  });
});
