import { describe, expect, test } from "vitest";
import { DICTIONARIES, translator } from "../../renderer/src/i18n/translate";

const { ru, en } = DICTIONARIES;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Messages that read the same in both languages: names, symbols, a path. */
const SAME_IN_BOTH = [
  "app.title",
  "common.none",
  "data.import.pathPlaceholder",
  "models.backendGpu",
  "models.backendCpu",
  "panel.chrf",
  "compare.a",
  "compare.b",
];

describe("the window's two languages", () => {
  test("have exactly the same keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
  });

  test("fill the same placeholders in every message", () => {
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) expect(placeholders(en[key]), key).toEqual(placeholders(ru[key]));
  });

  test("every message is translated: English has no Cyrillic, Russian differs from English", () => {
    for (const key of Object.keys(ru) as (keyof typeof ru)[]) {
      expect(en[key].trim(), key).not.toBe("");
      expect(en[key], key).not.toMatch(/[а-яё]/i);
      if (!SAME_IN_BOTH.includes(key)) expect(ru[key], key).not.toBe(en[key]);
    }
  });

  test("placeholders are filled, and a missing one stays visible rather than reading 'undefined'", () => {
    expect(translator("ru")("studies.jobs", { done: 3, total: 10 })).toBe("Задачи: 3 из 10");
    expect(translator("en")("studies.jobs", { done: 3 })).toBe("Jobs: 3 of {total}");
  });

  test("a key built from data that the messages lack reads as a label instead of throwing", () => {
    const t = (lang: "ru" | "en", key: string) => translator(lang)(key as keyof typeof ru);
    expect(t("en", "design.real-fraction@0.25")).toBe(`${en["design.real-fraction"]} 0.25`);
    expect(t("ru", "design.real-fraction@0.25")).toBe(`${ru["design.real-fraction"]} 0.25`);
    expect(t("en", "design.some-new-design")).toBe("some-new-design");
    expect(t("ru", "error.teapot")).toBe("teapot");
  });
});
