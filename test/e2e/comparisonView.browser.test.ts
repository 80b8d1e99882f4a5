import { describe, expect, test } from "vitest";
import { useFreshUi } from "./support/uiSession";
import { untranslated } from "./support/untranslated";
import { pairedStudy } from "../fixtures/pairedStudy";

/** The comparison view of the Results place on a stored study of two designs × 6 seeds (no trainer, no llama.cpp). */
// each test starts its own workspace, lab serve and page: that start-up is part of its time (it was a beforeAll before)
describe("the comparison view", { timeout: 300_000 }, () => {
  const openUi = useFreshUi("collapse-lab-e2e-compare-", { prepare: (dir) => void pairedStudy(dir, 6, "workspace.sqlite").db.close() });

  test("answers in English and in Russian, with its table, and no console error", async () => {
    const { page, problems } = await openUi();
    for (const lang of ["en", "ru"] as const) {
      await page.getByTestId("language").selectOption(lang);
      await page.click("[data-place=results]");
      const view = page.getByTestId("place-results").getByTestId("comparison");
      const sentences = view.getByTestId("compare-sentences").locator("li");
      const first =
        lang === "en"
          ? /^recursive vs cross, tiny-a: KL vs M1 at M3 higher by [0-9.]+ \[[0-9.]+, [0-9.]+\], p = [0-9.]+, 6 seeds$/
          : /^рекурсивная против перекрёстная, tiny-a: KL к M1 на M3 выше на [0-9,]+ \[[0-9,]+, [0-9,]+\], p = [0-9,]+, 6 сидов$/;
      await expect.poll(async () => (await sentences.allTextContents())[0] ?? "", { timeout: 30_000 }).toMatch(first);
      // one sentence per metric of the comparison (the "last" summary), a table row per metric and summary
      expect(await sentences.count()).toBe(3);
      expect(await view.getByTestId("compare-table").locator("tbody tr").count()).toBe(6);
      expect(await view.getByTestId("compare-few-seeds").count()).toBe(0);
      expect(await untranslated(page, lang), lang).toEqual([]);
    }
    // another pair: the sides swap, the difference changes sign
    await page.getByTestId("language").selectOption("en");
    const view = page.getByTestId("place-results").getByTestId("comparison");
    await view.getByTestId("compare-a").selectOption("cross:tiny-a");
    await view.getByTestId("compare-b").selectOption("recursive:tiny-a");
    await expect
      .poll(async () => (await view.getByTestId("compare-sentences").locator("li").allTextContents())[0] ?? "")
      .toMatch(/^cross vs recursive, tiny-a: KL vs M1 at M3 lower by /);
    expect(problems).toEqual([]);
  });
});
