import { beforeAll, describe, expect, test } from "vitest";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { useUiSession } from "./support/uiSession";

/** The Models place's "build the default models": the real init and pretraining of both tiny models, from the window. */
describe("building the tiny default models from the Models place", () => {
  // the recipe's first pretraining stage only, of 1,000 reports: the real build from the window in a small part of its time (the shipped weights do not match it, so nothing is copied)
  const ui = useUiSession("collapse-lab-e2e-models-", { env: { COLLAPSE_GPU: "0", COLLAPSE_PRETRAIN_STAGES: "1", COLLAPSE_PRETRAIN_STAGE_RECORDS: "1000" } });
  let page: Page;
  beforeAll(() => {
    ({ page } = ui);
  });

  test("shows the pretraining's progress, then both models side by side; a second build finds them cached", { timeout: 900_000 }, async () => {
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=models]");
    const place = page.getByTestId("place-models");
    await place.getByTestId("build-defaults").click();
    const progressText = () =>
      place
        .locator(".progress")
        .textContent()
        .catch(() => "");
    // the progress bar names the model, the stage and the step while the trainer runs
    await expect.poll(progressText, { timeout: 300_000 }).toMatch(/tiny-mistral: pretrain \d+\/\d+, loss \d.*; pretraining stage 1 of 1/);
    // and, once both trainers have a rate, the time left for the whole build
    await expect.poll(progressText, { timeout: 300_000 }).toMatch(/about \d+ min left for the whole build/);
    const table = place.getByTestId("model-table");
    await expect.poll(() => table.textContent().catch(() => ""), { timeout: 840_000, interval: 2_000 }).toContain("tiny-llama3");
    const text = (await table.textContent())!;
    expect(text).toContain("tiny-mistral");
    // their vocabularies are the bundle's real ones: Mistral's SentencePiece, LLaMA-3's BPE
    expect(text).toContain("SentencePiece");
    expect(text).toContain("BPE");
    for (const name of ["tiny-mistral", "tiny-llama3"]) expect(existsSync(join(ui.dir, "models", `${name}.gguf`))).toBe(true);
    expect(await place.getByTestId("build-defaults").isEnabled()).toBe(true);

    // a cached build reuses the files: record the button's states to see it start and end, and the files' times
    const files = ["tiny-mistral", "tiny-llama3"].map((name) => join(ui.dir, "models", `${name}.gguf`));
    const written = files.map((f) => statSync(f).mtimeMs);
    await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>("[data-testid=build-defaults]")!;
      const states: boolean[] = [];
      (window as unknown as { buildStates: boolean[] }).buildStates = states;
      new MutationObserver(() => states.push(button.disabled)).observe(button, { attributes: true, attributeFilter: ["disabled"] });
    });
    await place.getByTestId("build-defaults").click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { buildStates: boolean[] }).buildStates), { timeout: 840_000, interval: 1_000 })
      .toEqual([true, false]);
    expect(
      files.map((f) => statSync(f).mtimeMs),
      "no model file was written again",
    ).toEqual(written);
    expect(await table.locator("thead th").count()).toBe(3); // the facts column and the two models, not four
  });
});
