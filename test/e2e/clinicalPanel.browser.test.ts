import { describe, expect, test } from "vitest";
import { useFreshUi } from "./support/uiSession";
import { exportableStudy } from "../fixtures/exportableStudy";
import { upsertMetricPoints, type NewMetricPoint } from "../../electron/core/db/queries/metricPoints";
import { BASELINE_DESIGNS, PANEL_METRICS, heldoutMetric } from "../../electron/shared/domain/clinicalPanel";

/**
 * The exportable study with a clinical panel on held-out prompts: tiny-a's generation 1 writes no
 * better than the trivial baselines (chrF 20 against 25), tiny-b's clearly better (chrF 60, interval 55–65).
 */
async function prepare(dir: string): Promise<void> {
  const { db, studyId } = await exportableStudy(dir, "workspace.sqlite");
  const points: NewMetricPoint[] = [];
  const add = (design: string, model: string, generation: number, values: Partial<Record<(typeof PANEL_METRICS)[number], [number, number, number]>>) => {
    for (const [metric, [value, low, high]] of Object.entries(values))
      points.push({
        experiment_id: studyId,
        generation_id: null,
        design,
        model,
        generation_index: generation,
        seed: 7,
        metric: heldoutMetric(metric),
        value,
        low,
        high,
      });
  };
  for (const model of ["tiny-a", "tiny-b"]) {
    add("real", model, 0, {
      chrf: [100, 100, 100],
      category_consistency: [0.97, 0.9, 1],
      category_presence: [0.44, 0.3, 0.55],
      well_formed: [0.92, 0.85, 0.97],
    });
    for (const d of BASELINE_DESIGNS)
      add(d, model, 0, { chrf: [d === "baseline-frequent" ? 25 : 10, 20, 30], category_consistency: [d === "baseline-rule" ? 1 : 0.5, 0.4, 0.6] });
    for (const design of ["recursive", "cross"]) {
      for (const g of [1, 2]) {
        add(
          design,
          model,
          g,
          model === "tiny-a"
            ? { chrf: [20, 15, 24], category_consistency: [0.3, 0.1, 0.5], well_formed: [0.4, 0.3, 0.5], cut_share: [0.5, 0.4, 0.6] }
            : { chrf: [60, 55, 65], category_consistency: [0.9, 0.8, 0.95], well_formed: [0.95, 0.9, 1], cut_share: [0, 0, 0] },
        );
      }
    }
  }
  upsertMetricPoints(db, points);
  db.close();
}

// each test starts its own workspace, lab serve and page: that start-up is part of its time (it was a beforeAll before)
describe("the clinical-correctness panel in the Results place", { timeout: 300_000 }, () => {
  const openUi = useFreshUi("collapse-lab-e2e-panel-", { prepare });

  test("says, in either language, which generation 1 has not learned the task, and shows the panel beside the physicians and the baselines", async () => {
    const { page, problems } = await openUi();
    await page.getByTestId("language").selectOption("ru");
    await page.click("[data-place=results]");
    const place = page.getByTestId("place-results");
    const panel = place.getByTestId("clinical-panel");
    await panel.waitFor({ timeout: 30_000 });
    const notes = place.getByTestId("untrained-note");
    await expect
      .poll(() => notes.allTextContents())
      .toEqual(["tiny-a (зерно 7): поколение 1 не научилось задаче; всё, что дальше, измеряет необученную модель"]);
    const rows = await panel.locator("tbody th").allTextContents();
    expect(rows.slice(0, 4)).toEqual([
      "врачи",
      "базовая линия: самое частое заключение",
      "базовая линия: самая частая категория",
      "базовая линия: высшая категория описания",
    ]);
    expect(rows).toContain("tiny-b · рекурсивная · M1");
    expect(rows).toHaveLength(4 + 2 * 2 * 2);
    // chrF of the physicians, then tiny-a's cut share, as the language writes numbers
    const row = (label: string) =>
      panel
        .locator("tbody tr")
        .filter({ has: page.locator("th", { hasText: label }) })
        .first()
        .locator("td");
    expect(await row("врачи").nth(PANEL_METRICS.indexOf("chrf")).textContent()).toBe("100");
    expect(await row("tiny-a · рекурсивная · M1").nth(PANEL_METRICS.indexOf("cut_share")).textContent()).toBe("0,5");

    await page.getByTestId("language").selectOption("en");
    await expect
      .poll(() => notes.allTextContents())
      .toEqual(["tiny-a (seed 7): generation 1 has not learned the task; what follows measures an untrained model"]);
    expect((await panel.locator("tbody th").allTextContents())[0]).toBe("physicians");
    expect(await panel.locator("h2").textContent()).toBe("Clinical correctness on held-out prompts");
    expect(problems).toEqual([]);
  });
});
