import { describe, expect, test } from "vitest";
import { useFreshUi } from "./support/uiSession";
import { storedStudy, workspaceForStoredStudies } from "../fixtures/exportableStudy";
import { DESIGNS, type Design } from "../../electron/shared/domain/study";
import { untranslated } from "./support/untranslated";
import { designLabel } from "../../electron/shared/domain/metricLabels";
import type { Language } from "../../renderer/src/i18n/translate";

/** Per design, how its curves are labelled: the design's name as words, and for real-fraction one curve per fraction. */
const labels = (design: Design, lang: Language) =>
  design === "real-fraction" ? [designLabel("real-fraction@0.25", lang), designLabel("real-fraction@0.75", lang)] : [designLabel(design, lang)];
/** A series or row name begins with model and design; its lineage (seeds, whose text) and band follow. */
const named = (names: readonly string[], start: string) =>
  names.some((n) => n === start || n.startsWith(`${start} (`) || n.startsWith(`${start},`) || n.startsWith(`${start} —`));

/**
 * The Results place of a study of every design, in both languages: a design whose label is built
 * from data (real-fraction@0.25) once blanked the whole window.
 */
describe("the Results place shows a study of every design", () => {
  // each test's workspace holds the same studies, made in the same order, so under the same ids
  const studies = new Map<Design, number>();
  const openUi = useFreshUi("collapse-lab-e2e-designs-", {
    prepare: async (dir) => {
      studies.clear();
      const db = await workspaceForStoredStudies(dir, "workspace.sqlite");
      for (const design of DESIGNS) studies.set(design, storedStudy(db, { name: `only ${design}`, designs: [design], realFractions: [0.25, 0.75] }));
      db.close();
    },
  });

  for (const lang of ["en", "ru"] as const) {
    test(`in ${lang === "en" ? "English" : "Russian"}`, async () => {
      const ui = await openUi();
      const { page } = ui;
      await page.getByTestId("language").selectOption(lang);
      await page.click("[data-place=results]");
      const place = page.getByTestId("place-results");
      for (const design of DESIGNS) {
        await place.getByTestId("results-study").selectOption(String(studies.get(design)));
        const chart = place.getByTestId("collapse-charts").locator('canvas[aria-label="kl_unigram_vs_real"]');
        const expected = ["tiny-a", "tiny-b"].flatMap((model) => labels(design, lang).map((label) => `${model} · ${label}`));
        await expect
          .poll(
            async () => {
              const series = JSON.parse((await chart.getAttribute("data-series", { timeout: 30_000 })) ?? "[]") as string[];
              return expected.filter((start) => !named(series, start));
            },
            { timeout: 30_000 },
          )
          .toEqual([]);
        const rows = await place.locator("table th[scope=row]").allTextContents();
        expect(
          expected.filter((start) => !named(rows, start)),
          design,
        ).toEqual([]);
        expect(await page.locator("[data-testid^=place-crashed]").count(), design).toBe(0);
        expect(await untranslated(page, lang), design).toEqual([]);
      }
      expect(ui.problems).toEqual([]);
    });
  }
});
