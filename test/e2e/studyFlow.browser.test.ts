import { describe, expect, test } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { untranslated } from "./support/untranslated";
import { useFreshUi } from "./support/uiSession";
import { labIn } from "./support/labIn";
import { useSharedWorkspace } from "./support/sharedWorkspace";
import { tinyModel } from "../helpers/tinyModel";

/** The synthetic corpus as the Data place makes it by default (300 records) and the tiny model registered as the Models place does (named by its file). */
async function dataAndModel(dir: string): Promise<void> {
  await labIn(dir, "synth", "--records", "300");
  await labIn(dir, "models", "add", await tinyModel());
}

/** The study the form runs (see "runs, cancels and resumes"), as a study file. */
async function studyFile(dir: string): Promise<string> {
  const file = join(dir, "e2e-study.json");
  const study = {
    name: "e2e study",
    models: [basename(await tinyModel(), ".gguf")],
    designs: ["recursive"],
    generations: 2,
    seeds: [1],
    trainRecords: 24,
    evalRecords: 8,
    train: { rank: 4, epochs: 2 },
    generate: { maxTokens: 12, sequences: 4, cutOutputs: "keep" },
  };
  writeFileSync(file, JSON.stringify(study));
  return file;
}

/** Goes through each place (and the open study's results), so that what they log is on record. */
async function visitEveryPlace(page: Page): Promise<void> {
  for (const place of ["data", "models", "studies", "results"]) {
    await page.click(`[data-place=${place}]`);
    await page.getByTestId(`place-${place}`).waitFor();
  }
  await page.getByTestId("place-results").getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
}

/** The whole path a user takes, in the browser: data, a model, a 2-generation study (cancelled and resumed), its results. */
// each test starts its own workspace, lab serve and page: that start-up is part of its time (it was a beforeAll before)
describe("a small study through the UI (real trainer, real llama.cpp)", { timeout: 300_000 }, () => {
  const openUi = useFreshUi("collapse-lab-e2e-study-", { env: { COLLAPSE_GPU: "0" } });
  // that study run to its end through the CLI, once for the file: the state of the tests that read its results
  const finishedStudy = useSharedWorkspace("collapse-lab-e2e-study-done-", async (dir) => {
    await dataAndModel(dir);
    await labIn(dir, "run", await studyFile(dir));
  });

  test("generates the synthetic corpus", async () => {
    const { page, problems } = await openUi();
    await page.getByTestId("language").selectOption("en");
    const records = page.locator(".card", { hasText: "The default synthetic corpus" }).locator('input[type="number"]').first();
    await records.fill("300");
    await page.getByTestId("synth-button").click();
    await page.getByTestId("import-report").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("import-report").textContent()).toContain("Imported as dataset 1");
    await screenshot(page, "data");
    expect(problems).toEqual([]);
  });

  test("registers a GGUF model and shows its architecture facts", async () => {
    const modelPath = await tinyModel();
    const { page, problems } = await openUi();
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=models]");
    const place = page.getByTestId("place-models");
    await place.getByPlaceholder("/models/mistral-7b.Q4_K_M.gguf").fill(modelPath);
    await place.getByRole("button", { name: "Add", exact: true }).click();
    const table = place.getByTestId("model-table");
    await table.waitFor({ timeout: 60_000 });
    const text = await table.textContent();
    expect(text).toContain("llama");
    expect(text).toContain("4 / 1 (GQA 4:1)");
    expect(text).toContain("SentencePiece");
    // the tiny model's GGUF carries no chat template, and the row says so in both languages
    const chatRow = table.locator("tr", { has: page.locator("th", { hasText: "Chat template" }) });
    expect(await chatRow.locator("td").allTextContents()).toEqual(["no"]);
    await page.getByTestId("language").selectOption("ru");
    expect(
      await table
        .locator("tr", { has: page.locator("th", { hasText: "Шаблон чата" }) })
        .locator("td")
        .allTextContents(),
    ).toEqual(["нет"]);
    await page.getByTestId("language").selectOption("en");
    await expect.poll(() => place.getByTestId("backend").textContent(), { timeout: 60_000 }).toContain("CPU");
    // the tests' global setup built the CPU binding, and the window says node-llama-cpp runs it
    expect(await place.getByTestId("backend").textContent()).toContain("llama.cpp binding built on this machine");
    await screenshot(page, "models");
    expect(problems).toEqual([]);
  });

  test("the study form validates with the study schema, each problem a sentence on its field", async () => {
    const { page, problems } = await openUi({ prepare: dataAndModel });
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=studies]");
    const form = page.getByTestId("study-form");
    await form.locator('input[name="generations"]').fill("50");
    expect(await form.locator('[data-field="generations"]').textContent()).toBe("At most 20.");
    await form.locator('input[name="generations"]').fill("2");
    expect(await form.locator('[data-field="generations"]').count()).toBe(0);
    // one model registered: the cross design cannot run, and the form says what to do
    await form.getByLabel("cross").check();
    expect(await form.locator('[data-field="designs"]').textContent()).toBe("The cross design needs exactly two models: tick a second model or untick cross.");
    await form.getByLabel("cross").uncheck();
    expect(await form.locator('[data-field="designs"]').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 600_000); // its workspace (data and a registered model) is made first

  test("runs, cancels and resumes a 2-generation study with live progress and the loss curve while training", async () => {
    const { page, problems } = await openUi({ prepare: dataAndModel });
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=studies]");
    const form = page.getByTestId("study-form");
    await form.locator('input[name="generations"]').fill("2");
    await form.locator('input[name="name"]').fill("e2e study");
    for (const [name, value] of Object.entries({ trainRecords: "24", evalRecords: "8", rank: "4", epochs: "2", maxTokens: "12", sequences: "4" }))
      await form.locator(`input[name="${name}"]`).fill(value);
    // the tiny model's answers run past 12 tokens: kept, generation 2 has something to train on
    await form.locator('select[name="cutOutputs"]').selectOption("keep");
    // packed pairs: fewer steps, the loss curve still has several
    await form.getByLabel(/Pack pairs into the training windows/).check();
    // every line the live panel shows, however briefly
    await page.evaluate(() => {
      const seen = new Set<string>();
      (window as unknown as { liveSeen: Set<string> }).liveSeen = seen;
      new MutationObserver(() => {
        const live = document.querySelector("[data-testid=study-live] p");
        if (live?.textContent) seen.add(live.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await form.getByRole("button", { name: "Create and run" }).click();
    const monitor = page.getByTestId("study-monitor");
    await monitor.getByTestId("study-live").waitFor({ timeout: 120_000 });
    expect(await monitor.getByTestId("study-live").textContent()).toMatch(/train|generat|evaluat/);

    // the loss curve is drawn from the trainer's reports: more than one point, with steps on the x axis
    const lossCanvas = monitor.getByTestId("loss-chart").locator("canvas");
    await expect.poll(async () => Number((await lossCanvas.getAttribute("data-points").catch(() => null)) ?? 0), { timeout: 120_000 }).toBeGreaterThan(1);
    expect(JSON.parse((await lossCanvas.getAttribute("data-series"))!)[0]).toMatch(/^train-A1-/);
    await screenshot(page, "studies");

    await monitor.getByTestId("study-cancel").click();
    await expect.poll(() => monitor.getByTestId("study-state").getAttribute("data-state"), { timeout: 90_000 }).toBe("cancelled");
    await monitor.getByTestId("study-resume").click();
    await expect.poll(() => monitor.getByTestId("study-state").getAttribute("data-state"), { timeout: 400_000, interval: 1000 }).toBe("done");
    expect(await monitor.getByTestId("study-log").textContent()).toContain("done");
    // the running job's phase came with its speed and time left (a tiny training can be over between two renders, so any job)
    const seen = await page.evaluate(() => [...(window as unknown as { liveSeen: Set<string> }).liveSeen]);
    expect(
      seen.some((l) => /^Phase: (train|generate)-A\d-\S+ — \w+ \d+% · [\d,]+ tok\/s · ≈ .+ left$/.test(l)),
      seen.join("\n"),
    ).toBe(true);
    // both generations' training is on the curve
    expect(JSON.parse((await lossCanvas.getAttribute("data-series"))!).length).toBe(2);
    expect(problems).toEqual([]);
  }, 900_000); // each generation also writes for its held-out prompts; its workspace is made first

  test("shows the collapse curves, tables and generations side by side, and exports", async () => {
    const { dir, page, problems } = await openUi({ prepare: finishedStudy });
    await page.getByTestId("language").selectOption("en");
    // the finished study is the newest, so the Studies place shows it
    await page.click("[data-place=studies]");
    await page.getByTestId("open-results").click();
    const place = page.getByTestId("place-results");
    await place.getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
    expect(await place.getByTestId("collapse-charts").locator("canvas").count()).toBeGreaterThanOrEqual(3);
    const tables = await place.getByTestId("metric-tables").textContent();
    expect(tables).toContain("kl_unigram_vs_real");
    expect(tables).toContain("M2");
    expect(await place.getByTestId("side-by-side").locator(".sample-cell").count()).toBeGreaterThan(0);
    await screenshot(page, "results");

    const [download] = await Promise.all([page.waitForEvent("download"), place.getByTestId("export-csv").click()]);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("study,design,model,generation,seed,metric,value,low,high,trained_on,chain,interval,prompts");
    expect(csv).toContain("recursive");

    await place.getByPlaceholder("/home/user/collapse-export").fill(join(dir, "export"));
    await place.getByTestId("export-server").click();
    await expect.poll(() => place.locator(".ok-note").textContent()).toContain("report.html");
    expect(readFileSync(join(dir, "export", "metrics.csv"), "utf8")).toContain("kl_unigram_vs_real");
    expect(problems).toEqual([]);
  }, 900_000); // the first test to need the finished study runs it

  test("a study the workspace cannot run is refused with a sentence that says why and what to do", async () => {
    const { dir, page, problems } = await openUi({
      prepare: async (d) => {
        await dataAndModel(d);
        writeFileSync(
          join(d, "три записи.csv"),
          "Описание;Заключение\nВ правой доле узел 5 мм, EU-TIRADS 3.;Узел EU-TIRADS 3.\nУзлов нет.;Без патологии.\nВ левой доле киста 3 мм.;Киста.\n",
        );
      },
    });
    await page.getByTestId("language").selectOption("en");
    await page.click("[data-place=data]");
    const panel = page.getByTestId("import-panel");
    await panel.locator('input[name="path"]').fill(join(dir, "три записи.csv"));
    await panel.getByRole("button", { name: "Check the file" }).click();
    await page.getByTestId("preview-import").click();
    await page.getByTestId("import-report").waitFor({ timeout: 60_000 });

    await page.click("[data-place=studies]");
    const form = page.getByTestId("study-form");
    await form.getByLabel("Dataset").selectOption({ label: "#2 три записи.csv" });
    await form.locator('input[name="name"]').fill("too small");
    await form.getByRole("button", { name: "Create and run" }).click();
    const alert = page.getByTestId("place-studies").getByRole("alert");
    await expect
      .poll(() => alert.textContent(), { timeout: 30_000 })
      .toContain('"три записи.csv" has no records in its test split (3 records in all); choose or import a larger dataset');
    expect(await alert.textContent()).toMatch(/^Please check the input\./);
    expect(await page.getByTestId("study-list").textContent()).not.toContain("too small");
    expect(problems).toEqual([]);
  }, 600_000); // its workspace (data and a registered model) is made first

  test("every place speaks the chosen language, Russian and English", async () => {
    const { page, problems } = await openUi({ prepare: finishedStudy });
    const places = { data: ["Данные", "Data"], models: ["Модели", "Models"], studies: ["Исследования", "Studies"], results: ["Результаты", "Results"] };
    for (const [lang, i] of [
      ["ru", 0],
      ["en", 1],
    ] as const) {
      await page.getByTestId("language").selectOption(lang);
      for (const [place, titles] of Object.entries(places)) {
        await page.click(`[data-place=${place}]`);
        // the finished study's results, drawn, are part of what is read
        if (place === "results") await page.getByTestId("place-results").getByTestId("collapse-charts").waitFor({ timeout: 30_000 });
        expect(await page.locator(`[data-place=${place}]`).textContent()).toBe(titles[i]);
        expect(await page.locator("main section:not([hidden]) h1").textContent()).toBe(titles[i]);
        expect(await untranslated(page, lang), `${lang}: ${place}`).toEqual([]);
        // the same words read as the other language are all flagged: the check sees the page's words
        expect((await untranslated(page, lang === "ru" ? "en" : "ru")).length, place).toBeGreaterThan(3);
        if (lang === "ru") await screenshot(page, `ru-${place}`);
      }
    }
    expect(problems).toEqual([]);
  }, 900_000); // the finished study, if no test before made it

  test("no console errors and no CSP violations", async () => {
    // each test above asserts this of its own page; here, every place of a workspace that has all of them filled
    const { page, problems } = await openUi({ prepare: finishedStudy });
    for (const lang of ["ru", "en"]) {
      await page.getByTestId("language").selectOption(lang);
      await visitEveryPlace(page);
    }
    expect(problems).toEqual([]);
  }, 900_000); // the finished study, if no test before made it
});
