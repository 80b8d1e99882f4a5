import { describe, expect, test } from "vitest";
import type { Page } from "playwright-core";
import { useFreshUi } from "./support/uiSession";
import { untranslated } from "./support/untranslated";
import { storedStudy, workspaceForStoredStudies } from "../fixtures/exportableStudy";

/** Two finished studies; the second (the newest, which the Results place opens first) is the one made to fail. */
const twoStudies = async (dir: string) => {
  const db = await workspaceForStoredStudies(dir, "workspace.sqlite");
  storedStudy(db, { name: "shown fine", designs: ["recursive"] });
  storedStudy(db, { name: "cannot be drawn", designs: ["cross"] });
  db.close();
};

/** A results answer the place cannot draw (points that are not a list) for the given study: it stands for any rendering error. */
async function breakStudy(page: Page, studyId: number): Promise<void> {
  await page.route("**/api/results.metrics", (route) =>
    (route.request().postDataJSON() as { studyId: number }).studyId === studyId
      ? route.fulfill({ contentType: "application/json", body: JSON.stringify({ ok: true, value: { points: "not a list", noiseFloor: {}, notes: [] } }) })
      : route.continue(),
  );
}

describe("a place that fails to render", () => {
  const openUi = useFreshUi("collapse-lab-e2e-recovery-", { prepare: twoStudies });

  test("shows the error and a way back; the rest of the window keeps working", async () => {
    const { page } = await openUi();
    await page.getByTestId("language").selectOption("en");
    await breakStudy(page, 2);
    await page.click("[data-place=results]");
    const crashed = page.getByTestId("place-crashed-results");
    await crashed.waitFor({ timeout: 30_000 });
    expect(await crashed.getByRole("alert").textContent()).toContain("This part of the window could not be shown");
    await page.click("[data-place=data]");
    await page.getByTestId("place-data").waitFor();
    expect(await page.getByTestId("place-data").isVisible()).toBe(true);

    await page.unroute("**/api/results.metrics");
    await page.click("[data-place=results]");
    await crashed.getByRole("button", { name: "Try again" }).click();
    await page.getByTestId("place-results").getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
    expect(await page.locator("[data-testid^=place-crashed]").count()).toBe(0);
  });

  for (const lang of ["en", "ru"] as const) {
    test(`that keeps failing is left from within the place, in ${lang === "en" ? "English" : "Russian"}`, async () => {
      const { page, problems } = await openUi();
      await page.getByTestId("language").selectOption(lang);
      await breakStudy(page, 2);
      await page.click("[data-place=results]");
      const crashed = page.getByTestId("place-crashed-results");
      await crashed.waitFor({ timeout: 30_000 });
      expect(await untranslated(page, lang)).toEqual([]);

      // "Try again" on the same study fails again: the place stays crashed
      await crashed.getByRole("button", { name: lang === "en" ? "Try again" : "Повторить" }).click();
      await crashed.waitFor({ timeout: 30_000 });
      expect(await crashed.getByTestId("place-recovery").textContent()).toContain(lang === "en" ? "Or open another study" : "Или откройте другое исследование");

      // the way back stays in the place: the list of studies, another one chosen there
      await crashed.getByTestId("results-study").selectOption("1");
      const place = page.getByTestId("place-results");
      await place.getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
      expect(await page.locator("[data-testid^=place-crashed]").count()).toBe(0);
      expect(await place.getByTestId("results-study").inputValue()).toBe("1");
      expect(await page.locator("[data-place=results]").getAttribute("aria-current")).toBe("page");

      // back on the broken study, then "Start this place afresh" once it can be drawn
      await place.getByTestId("results-study").selectOption("2");
      await crashed.waitFor({ timeout: 30_000 });
      await page.unroute("**/api/results.metrics");
      await crashed.getByTestId("place-restart").click();
      await place.getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
      expect(await place.getByTestId("results-study").inputValue()).toBe("2");
      // the warnings React logs for the caught error are the only console output expected
      expect(problems.filter((p) => !p.includes("not a list") && !p.includes("The above error occurred"))).toEqual([]);
    });
  }
});
