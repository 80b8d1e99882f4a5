import type { Page } from "playwright-core";

/**
 * The window's own words on the visible place (headings, labels, buttons, table heads, hints;
 * not the data it lists) that are not in the language shown: in English any Cyrillic, in Russian
 * a phrase of English words without a Russian letter.
 */
export function untranslated(page: Page, lang: "ru" | "en"): Promise<string[]> {
  return page.evaluate((lang) => {
    const WORDS = "h1, h2, h3, legend, label, button, th, dt, figcaption, .hint, .progress-label, [role=alert] strong";
    const DATA = ".list-item, .record, .sample-cell, .log, .file-path, [data-testid=model-table] thead, [data-testid=study-list]";
    const place = document.querySelector("main section:not([hidden])");
    const found: string[] = [];
    for (const el of place ? [...place.querySelectorAll(WORDS)] : []) {
      if (el.closest(DATA)) continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join("")
        .trim();
      const russian = /[а-яё]/i.test(own);
      if (own && (lang === "en" ? russian : !russian && /[A-Za-z]{3,} [A-Za-z]{3,}/.test(own))) found.push(own);
    }
    return found;
  }, lang);
}
