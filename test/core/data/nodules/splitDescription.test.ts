import { describe, expect, it } from "vitest";
import { splitDescription } from "../../../../electron/core/data/nodules";

const PAPER =
  "В правой доле щитовидной железы в в/3-ср/3 по передней поверхности определяется вертикально ориентированное образование неоднородной структуры, " +
  "умеренно пониженной экзогенности с четкими контурами, при ЦДК -умеренный смешанный тип кровотока, размерами: 0,3x0,3x0,4 см. EU-TIRADS 4 " +
  "В правой доле в н/3 определяется образование средней экзогенности, овальной формы с четкими, ровными контурами, " +
  "при ЦДК-умеренный преимущественно перинодулярный тип кровотока, размерами: 0,9x0,8x0,7 см. EU-TIRADS 3 " +
  "В левой доле в ср/3-н/3 определяется образование размерами: 1,7x1,5x2,4 см. EU-TIRADS 3";

describe("splitDescription", () => {
  it("splits the paper's example into its three labelled nodules", () => {
    const s = splitDescription(PAPER);
    expect(s.nodules.map((n) => n.labels)).toEqual([[4], [3], [3]]);
    expect(s.nodules.map((n) => n.lobe)).toEqual(["right", "right", "left"]);
    expect(s.nodules.map((n) => n.third)).toEqual(["upper-middle", "lower", "middle-lower"]);
    expect(s.nodules[0]!.text.endsWith("EU-TIRADS 4")).toBe(true);
    for (const n of s.nodules) expect(PAPER.slice(n.start, n.end)).toBe(n.text);
  });

  it("keeps background as context and lymph nodes / parathyroid as trailing", () => {
    const s = splitDescription(
      "Щитовидная железа не увеличена. Объем 11,3 мл. В правой доле узел 1,0 см. EU-TIRADS 3В этой же доле мелкая киста d= 0,3 см. " +
        "Регионарные лимфоузлы не увеличены. В местах типичного расположения околощитовидных желез объемные образования не выявлены.",
    );
    expect(s.context).toBe("Щитовидная железа не увеличена. Объем 11,3 мл.");
    expect(s.nodules.map((n) => [n.labels, n.lobe])).toEqual([
      [[3], "right"],
      [[], "right"],
    ]);
    expect(s.trailing).toMatch(/^Регионарные лимфоузлы.*не выявлены\.$/);
  });

  it("handles label-first items, group statements and unlabelled nodules", () => {
    expect(
      splitDescription("Узел №1 (EU-TIRADS 3): в правой доле узел 1,0 см. Узел №2 (EU-TIRADS 4): в левой доле узел.").nodules.map((n) => [n.labels, n.lobe]),
    ).toEqual([
      [[3], "right"],
      [[4], "left"],
    ]);
    expect(splitDescription("Множественные узлы обеих долей до 1,2 см, EU-TIRADS 3-4").nodules.map((n) => n.labels)).toEqual([[3, 4]]);
    expect(splitDescription("В правой доле узел 1 см. В левой доле киста 0,4 см. EU-TIRADS 2").nodules.map((n) => [n.labels, n.lobe])).toEqual([
      [[], "right"],
      [[2], "left"],
    ]);
  });

  it("finds no nodule in a normal gland", () => {
    const s = splitDescription("Паренхима однородная. Узлов нет.");
    expect(s.nodules).toEqual([]);
    expect(s.context).toBe("Паренхима однородная. Узлов нет.");
  });
});
