import { describe, expect, it } from "vitest";
import { findLabels, euCategories, maxEuCategory } from "../../../../electron/core/data/tirads";

// Every spelling of ../shared/domain/eu-tirads.md §8, with what it must normalise to.
const EU: [id: string, text: string, categories: (number | null)[], flags?: string[]][] = [
  ["V01", "EU-TIRADS 4", [4]],
  ["V02", "EU TIRADS 4", [4]],
  ["V03", "EUTIRADS 4", [4]],
  ["V03", "EUTIRADS-4", [4]],
  ["V04", "EU-TIRADS-4", [4]],
  ["V04", "EU TIRADS-4", [4]],
  ["V05", "EU-TIRADS4", [4]],
  ["V06", "EU-TIRADS: 4", [4]],
  ["V06", "EU-TIRADS:4", [4]],
  ["V06", "EU-TIRADS : 4", [4]],
  ["V07", "EU-TI-RADS 4", [4]],
  ["V07", "EU TI-RADS 4", [4]],
  ["V07", "EU-TI RADS 4", [4]],
  ["V08", "Eu-TIRADS 4", [4]],
  ["V08", "eu-tirads 4", [4]],
  ["V08", "EU-Tirads 4", [4]],
  ["V08", "EU-TiRADS 4", [4]],
  ["V09", "EU\u2013TIRADS 4", [4]],
  ["V09", "EU\u2014TIRADS 4", [4]],
  ["V09", "EU\u2011TIRADS 4", [4]],
  ["V09", "EU\u2212TIRADS 4", [4]],
  ["V09", "EU-TIRADS\u00a04", [4]],
  ["V09", "EU-TIRADS\u20094", [4]],
  ["V10", "EU - TIRADS 4", [4]],
  ["V10", "EU- TIRADS 4", [4]],
  ["V10", "EU -TIRADS 4", [4]],
  ["V10", "EU-TIRADS  4", [4]],
  ["V11", "ЕU-TIRADS 4", [4], ["homoglyphs"]],
  ["V11", "EU-ТIRADS 4", [4], ["homoglyphs"]],
  ["V11", "ЕU-ТIRАDS 4", [4], ["homoglyphs"]],
  ["V11", "EU-TІRADS 4", [4], ["homoglyphs"]],
  ["V12", "TI-RADS 4", [4], ["no_eu_prefix"]],
  ["V12", "TIRADS 4", [4], ["no_eu_prefix"]],
  ["V12", "Ti-RADS 4", [4], ["no_eu_prefix"]],
  ["V12", "TI RADS 4", [4], ["no_eu_prefix"]],
  ["V12", "TI-RADS-4", [4], ["no_eu_prefix"]],
  ["V13", "ТИРАДС 4", [4]],
  ["V13", "ТИ-РАДС 4", [4]],
  ["V13", "ЕУ-ТИРАДС 4", [4]],
  ["V13", "EU-ТИРАДС 4", [4]],
  ["V14", "УГ-ЕШКФВЫ 4", [4], ["keyboard_layout"]],
  ["V14", "ЕШКФВЫ 4", [4], ["keyboard_layout"]],
  ["V15", "EU-TIRADS III", [3], ["roman"]],
  ["V15", "EU-TIRADS IV", [4], ["roman"]],
  ["V15", "TI-RADS V", [5], ["roman"]],
  ["V15", "EU-TIRADS-IV", [4], ["roman"]],
  ["V16", "4 категория по EU-TIRADS", [4]],
  ["V16", "категория 4 по EU-TIRADS", [4]],
  ["V16", "соответствует категории 4 по шкале EU-TIRADS", [4]],
  ["V16", "3 кат. по EU-TIRADS", [3]],
  ["V17", "EU-TIRADS категория 4", [4]],
  ["V17", "EU-TIRADS кат. 4", [4]],
  ["V17", "по шкале EU-TIRADS – 4", [4]],
  ["V17", "по EU-TIRADS — 4 категория", [4]],
  ["V18", "EU-TIRADS 3-4", [3, 4]],
  ["V18", "EU-TIRADS 3–4", [3, 4]],
  ["V18", "EU-TIRADS 3/4", [3, 4]],
  ["V18", "EU-TIRADS 3 - 4", [3, 4]],
  ["V19", "EU-TIRADS 3 и 4", [3, 4]],
  ["V19", "EU-TIRADS 3, 4", [3, 4]],
  ["V19", "EU-TIRADS 3,4", [3, 4]],
  ["V20", "EU-TIRADS 4a", [4], ["subcategory_dropped"]],
  ["V20", "TI-RADS 4b", [4], ["subcategory_dropped"]],
  ["V20", "EU-TIRADS 4А", [4], ["subcategory_dropped"]],
  ["V20", "EU-TIRADS 4c", [4], ["subcategory_dropped"]],
  ["V21", "EU-TIRADS", [null], ["missing_number"]],
  ["V21", "EU-TIRADS -", [null], ["missing_number"]],
  ["V21", "EU-TIRADS: ?", [null], ["missing_number"]],
  ["V21", "EU-TIRADS н/д", [null], ["missing_number"]],
  ["V21", "TI-RADS —", [null], ["missing_number"]],
  ["V22", "EU-TIRADS 6", [null], ["out_of_range"]],
  ["V22", "EU-TIRADS 0", [null], ["out_of_range"]],
  ["V22", "EU-TIRADS 7", [null], ["out_of_range"]],
  ["V23", "EU-TIRADS 3В левой доле", [3]],
  ["V23", "EU-TIRADS 3Также в правой доле", [3]],
  ["V23", "EU-TIRADS 3Лимфоузлы не увеличены", [3]],
  ["V24", "(EU-TIRADS 4)", [4]],
  ["V24", "[EU-TIRADS 4]", [4]],
  ["V24", "(по EU-TIRADS 4)", [4]],
  ["V25", "eu tirads-3", [3]],
  ["V25", "Eu-TiRads:4", [4]],
  ["V25", "ЕU TIRADS-3", [3]],
  ["V25", "eutirads3", [3]],
  ["V25", "EU  TI-RADS:3", [3]],
];

const OTHER: [id: string, text: string, system: string][] = [
  ["X01", "ACR TI-RADS TR4", "ACR"],
  ["X01", "TR3 по ACR TI-RADS", "ACR"],
  ["X01", "ACR-TIRADS 3", "ACR"],
  ["X01", "узел TR3", "ACR"],
  ["X02", "K-TIRADS 4", "K"],
  ["X02", "K-TIRADS-3", "K"],
  ["X02", "по K-TIRADS 3", "K"],
  ["X03", "TIRADS (Kwak) 4a", "other"],
  ["X03", "Kwak-TIRADS 4b", "other"],
  ["X03", "C-TIRADS 4A", "other"],
  ["X04", "Bethesda II", "Bethesda"],
  ["X04", "(Bethesda 4)", "Bethesda"],
  ["X04", "категория II по Bethesda", "Bethesda"],
  ["X04", "BSRTC III", "Bethesda"],
];

describe("findLabels: every EU-TIRADS spelling", () => {
  for (const [id, text, categories, flags] of EU) {
    it(`${id} ${JSON.stringify(text)} → ${JSON.stringify(categories)}`, () => {
      const occ = findLabels(`Узел 1,2 см. ${text} В левой доле без узлов.`).filter((o) => o.system === "EU");
      expect(occ).toHaveLength(1);
      expect(occ[0]!.categories).toEqual(categories);
      for (const f of flags ?? []) expect(occ[0]!.flags).toContain(f);
    });
  }
});

describe("findLabels: other systems are recognised and kept apart", () => {
  for (const [id, text, system] of OTHER) {
    it(`${id} ${JSON.stringify(text)} → ${system}`, () => {
      const occ = findLabels(text);
      expect(occ.length).toBeGreaterThan(0);
      expect(occ.every((o) => o.system === system && o.categories.length === 0)).toBe(true);
      expect(euCategories(text)).toEqual([]);
    });
  }
});

describe("findLabels: plain-text traps are not labels", () => {
  const traps = [
    "размерами 0,9х0,8х0,7 см",
    "в в/3-ср/3",
    "Узел №1",
    "контроль через 6-12 мес",
    "в III-IV зоне справа",
    "VI зоны",
    "лимфоузлы II уровня",
    "диффузный зоб I степени",
    "кровоток тип II",
    "V=1,9 см3",
    "ТАБ 2019 г.",
    "L-тироксин 75 мкг",
    "ТАБ: коллоидный зоб, Bethesda II",
    "ТАБ АИТ ЩЖ",
    "RADS",
    "TIRADSы",
  ];
  for (const text of traps) it(JSON.stringify(text), () => expect(euCategories(text)).toEqual([]));

  it("a decimal after the label is not an enumeration", () => {
    expect(euCategories("EU-TIRADS 3,4 см")).toEqual([3]);
    expect(euCategories("EU-TIRADS 3.4")).toEqual([3]);
  });
  it("a non-adjacent range keeps its endpoints and says so", () => {
    const [o] = findLabels("EU-TIRADS 2-5");
    expect(o!.categories).toEqual([2, 5]);
    expect(o!.flags).toContain("range_nonadjacent");
  });
  it("a range or enumeration of three nodules keeps every member, so the highest is not lost", () => {
    expect(euCategories("Многоузловой зоб (EU-TIRADS 2, 3 и 4).")).toEqual([2, 3, 4]);
    expect(euCategories("EU-TIRADS 3/4/5")).toEqual([3, 4, 5]);
    expect(maxEuCategory("узловых образований обеих долей, EU-TIRADS 4-4-5. Рекомендована ТАБ")).toBe(5);
    const [o] = findLabels("EU-TIRADS 3-4-5");
    expect(o!.flags).not.toContain("range_nonadjacent");
    expect(o!.raw).toBe("EU-TIRADS 3-4-5");
    expect(findLabels("EU-TIRADS 2-3-5")[0]!.flags).toEqual(["range_nonadjacent"]);
    expect(euCategories("EU-TIRADS 3, 4, 5 мм")).toEqual([3, 4]);
  });
});

describe("findLabels: offsets and order", () => {
  it("gives offsets into the original text, labels in order", () => {
    const text = "В правой доле узел. ЕU-ТIRADS 4 В левой доле узел, EU TIRADS-3";
    const occ = findLabels(text);
    expect(occ.map((o) => o.raw)).toEqual(["ЕU-ТIRADS 4", "EU TIRADS-3"]);
    for (const o of occ) expect(text.slice(o.start, o.end)).toBe(o.raw);
    expect(euCategories(text)).toEqual([4, 3]);
    expect(maxEuCategory(text)).toBe(4);
  });
  it("handles a long text without pathological backtracking", () => {
    const long = "В правой доле образование 0,9х0,8х0,7 см. EU-TIRADS 3 ".repeat(4000);
    expect(euCategories(long)).toHaveLength(4000);
  });
});
