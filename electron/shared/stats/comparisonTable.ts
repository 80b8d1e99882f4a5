import { metricLabel, type LabelLanguage } from "../domain/metricLabels";
import type { Comparison } from "./compareDesigns";

const HEADER: Record<LabelLanguage, string[]> = {
  en: ["metric", "per-seed summary", "seeds", "mean difference A − B", "95% interval", "t-test p", "exact p", "exact p, Holm", "effect size d_z"],
  ru: ["метрика", "сводка по сиду", "сидов", "средняя разность A − B", "95% интервал", "p t-теста", "точный p", "точный p, Холм", "величина эффекта d_z"],
};
const SUMMARY: Record<LabelLanguage, Record<string, (g: number) => string>> = {
  en: { last: (g) => `at M${g} minus its noise floor`, slope: () => "slope over generations" },
  ru: { last: (g) => `на M${g} минус порог шума`, slope: () => "наклон по поколениям" },
};

const fixed = (x: number | null, digits: number, lang: LabelLanguage) =>
  x === null ? "—" : lang === "ru" ? x.toFixed(digits).replace(".", ",") : x.toFixed(digits);

/** The comparison as a table of text cells (the CLI, the report and the window show the same). */
export function comparisonTable(c: Comparison, lang: LabelLanguage = "en"): { header: string[]; rows: string[][] } {
  return {
    header: HEADER[lang],
    rows: c.rows.map((r) => [
      metricLabel(r.metric, lang),
      r.summary === "last" && !r.floored ? SUMMARY[lang].last!(c.generation).replace(/ minus.*| минус.*/, "") : SUMMARY[lang][r.summary]!(c.generation),
      String(r.n),
      fixed(r.meanDifference, 3, lang),
      r.low === null || r.high === null ? "—" : `[${fixed(r.low, 3, lang)}, ${fixed(r.high, 3, lang)}]`,
      fixed(r.tP, 3, lang),
      fixed(r.exactP, 3, lang),
      fixed(r.holmP, 3, lang),
      fixed(r.effectSize, 2, lang),
    ]),
  };
}
