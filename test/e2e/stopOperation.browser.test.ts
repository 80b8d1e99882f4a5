import { describe, expect, test } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { useFreshUi } from "./support/uiSession";

const ROWS = 300_000;

/** The Stop button beside an import's progress: the core stops it and the workspace stays as it was. */
describe("stopping a long operation from the window", () => {
  const openUi = useFreshUi("collapse-lab-e2e-stop-", {
    prepare: (dir) => {
      const lines = Array.from({ length: ROWS }, (_, i) => `${i};"Узел ${i} правой доли 1,${i % 10} см. EU-TIRADS ${3 + (i % 3)}";"Узловой зоб ${i}"`);
      writeFileSync(join(dir, "big.csv"), "id;Описание;Заключение\n" + lines.join("\n") + "\n");
    },
  });

  test("an import is stopped mid-file: the window says so and no dataset appears", { timeout: 300_000 }, async () => {
    const ui = await openUi();
    const { page } = ui;
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=data]");
    const place = page.getByTestId("place-data");
    await place.getByTestId("import-panel").locator('input[name="path"]').fill(join(ui.dir, "big.csv"));
    await place.getByTestId("import-panel").locator('button[type="submit"]').click();
    const preview = place.getByTestId("import-preview");
    await expect.poll(() => preview.getByTestId("preview-import").isEnabled(), { timeout: 60_000 }).toBe(true);
    await preview.getByTestId("preview-import").click();
    // once rows are being stored (the file has 300,000: the import is far from its end), Stop
    await expect
      .poll(
        () =>
          preview
            .locator(".progress-label")
            .textContent()
            .catch(() => ""),
        { timeout: 120_000 },
      )
      .toMatch(/Importing: [1-9]/);
    await preview.getByTestId("progress-stop").click();
    await expect
      .poll(
        () =>
          preview
            .locator(".error-note strong")
            .textContent()
            .catch(() => ""),
        { timeout: 60_000 },
      )
      .toBe("Stopped.");
    expect(await preview.getByTestId("progress-stop").count()).toBe(0);
    expect(await page.getByTestId("import-report").count()).toBe(0);
    const datasets = await page.evaluate(async () => {
      const token = sessionStorage.getItem("collapse-lab.token") ?? "";
      const r = await fetch("api/datasets.list", { method: "POST", headers: { "Content-Type": "application/json", "X-Lab-Token": token }, body: "{}" });
      return ((await r.json()) as { value: unknown[] }).value;
    });
    expect(datasets).toEqual([]);
    expect(ui.problems).toEqual([]);
  });
});
