import { describe, expect, it } from "vitest";
import { clinicalPanel, isWellFormed, type PanelMetric } from "../../../electron/core/metrics/clinicalPanel";
import { chrf } from "../../../electron/core/metrics/chrf";
import { conclusionFindings, descriptionFindings } from "../../../electron/core/metrics/findings";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";

const ONE_RIGHT_3 = "В правой доле узел 12х10 мм, изоэхогенный, EU-TIRADS 3.";
const BOTH_4 = "В правой доле узел 10 мм, гипоэхогенный, EU-TIRADS 4. В левой доле узел 8 мм, изоэхогенный, EU-TIRADS 3.";
const NONE = "Щитовидная железа обычных размеров. Узловых образований не выявлено.";
const ISTHMUS_2 = "В перешейке узел 6 мм, EU-TIRADS 2.";

describe("chrF, hand-computed", () => {
  it("averages F2 over the character orders both texts have", () => {
    // n=1: {a,b,c} vs {a,b,d}: 2 of 3 → F 2/3; n=2: {ab,bc} vs {ab,bd}: 1 of 2 → 1/2; n=3: abc vs abd → 0; n ≥ 4: no n-gram
    expect(chrf("abc", "abd")).toBeCloseTo((100 * (2 / 3 + 1 / 2 + 0)) / 3, 12);
  });
  it("ignores whitespace, clips repeated n-grams, scores an empty text 0", () => {
    expect(chrf("ab c", "abc")).toBe(100);
    // n=1: "aaa" vs "a": 1 match, P 1/3, R 1 → 5·(1/3)/(4/3 + 1) = 5/7; the reference has no bigram
    expect(chrf("aaa", "a")).toBeCloseTo((100 * 5) / 7, 12);
    expect(chrf("", "a")).toBe(0);
    expect(chrf("a", " ")).toBe(0);
  });
});

describe("findings the label finder can tell", () => {
  it("reads side and count of a description from its nodules", () => {
    expect(descriptionFindings(ONE_RIGHT_3)).toEqual({ side: "right", count: "one" });
    expect(descriptionFindings(BOTH_4)).toEqual({ side: "both", count: "several" });
    expect(descriptionFindings(ISTHMUS_2)).toEqual({ side: "isthmus", count: "one" });
    expect(descriptionFindings(NONE)).toEqual({ side: null, count: null });
  });
  it("reads side and count of a conclusion from its first sentence about nodules", () => {
    expect(conclusionFindings("Эхо-признаки правостороннего узлового зоба (EU-TIRADS 3).")).toEqual({ side: "right", count: "one" });
    // the recommendation's "правой доли" is not the goitre's side
    expect(conclusionFindings("УЗ-признаки двухстороннего многоузлового зоба, EU-TIRADS 4. Рекомендована ТАБ узла правой доли.")).toEqual({
      side: "both",
      count: "several",
    });
    expect(conclusionFindings("Многоузловой зоб.")).toEqual({ side: null, count: "several" });
    expect(conclusionFindings("Эхографические признаки узлового образования перешейка.")).toEqual({ side: "isthmus", count: "one" });
    expect(conclusionFindings("Кисты левой доли щитовидной железы.")).toEqual({ side: "left", count: "one" });
    expect(conclusionFindings("Щитовидная железа без особенностей.")).toEqual({ side: null, count: null });
  });
});

describe("clinicalPanel, hand-computed", () => {
  const outputs = [
    "Эхо-признаки правостороннего узлового зоба (EU-TIRADS 3).", // category 3 = 3; right = right; one = one
    "Эхо-признаки левостороннего узлового зоба (EU-TIRADS 3).", // 3 < 4: false reassurance; left ≠ both; one ≠ several
    "Многоузловой зоб, EU-TIRADS 5", // 5 > 4: over-call; no side; several = several; no full stop
    "Узловой зоб щитовидной", // cut at maxTokens; no category; the description has no nodule
    "", // empty
  ];
  const descriptions = [ONE_RIGHT_3, BOTH_4, BOTH_4, NONE, ISTHMUS_2];
  const real = [
    "Эхо-признаки правостороннего узлового зоба (EU-TIRADS 3).",
    "Двухсторонний многоузловой зоб (EU-TIRADS 4).",
    "Многоузловой зоб.",
    "Щитовидная железа без особенностей.",
    "Узловое образование перешейка.",
  ];
  const finishReasons = ["customStopTrigger", "customStopTrigger", "eogToken", "maxTokens", "eogToken"];
  const panel = clinicalPanel({ outputs, real, descriptions, finishReasons }, { seed: 1, bootstrap: 0 });
  const v = (m: PanelMetric) => panel.find((p) => p.metric === m)!.value;

  it("category: presence over all outputs, consistency / false reassurance / over-call over outputs naming one for a description that has one", () => {
    expect(v("category_presence")).toBeCloseTo(3 / 5, 12);
    expect(v("category_consistency")).toBeCloseTo(1 / 3, 12);
    expect(v("false_reassurance")).toBeCloseTo(1 / 3, 12);
    expect(v("over_call")).toBeCloseTo(1 / 3, 12);
  });
  it("findings: only where both sides can be told", () => {
    expect(v("side_consistency")).toBeCloseTo(1 / 2, 12); // samples 1 ✓ and 2 ✗
    expect(v("nodule_count_consistency")).toBeCloseTo(2 / 3, 12); // samples 1 ✓, 2 ✗, 3 ✓
  });
  it("chrF is the mean sentence chrF against the paired physician's conclusion", () => {
    expect(v("chrf")).toBeCloseTo(outputs.reduce((s, o, i) => s + chrf(o, real[i]!), 0) / 5, 12);
    expect(chrf(outputs[0]!, real[0]!)).toBe(100);
  });
  it("well-formed and cut", () => {
    expect(v("well_formed")).toBeCloseTo(2 / 5, 12);
    expect(v("cut_share")).toBeCloseTo(1 / 5, 12);
    expect(isWellFormed("Узловой зоб.", "maxTokens")).toBe(false);
    expect(isWellFormed("Узловой зоб (EU-TIRADS 3).", "eogToken")).toBe(true);
    expect(isWellFormed("Узловой зоб.»", null)).toBe(true);
  });
  it("texts nobody generated have no cut share", () => {
    const physicians = clinicalPanel({ outputs: real, real, descriptions }, { seed: 1, bootstrap: 0 });
    expect(physicians.find((p) => p.metric === "cut_share")!.value).toBeNull();
    expect(physicians.find((p) => p.metric === "chrf")!.value).toBe(100);
  });
  it("intervals hold the value and stay in range; generationMetrics adds the panel when asked", () => {
    const withIntervals = clinicalPanel({ outputs, real, descriptions, finishReasons }, { seed: 1, bootstrap: 200 });
    for (const p of withIntervals) {
      if (p.value === null) continue;
      expect(p.low).not.toBeNull();
      expect(p.low!).toBeLessThanOrEqual(p.value + 1e-9);
      expect(p.high!).toBeGreaterThanOrEqual(p.value - 1e-9);
    }
    const all = generationMetrics({ outputs, real, descriptions, realPool: real, panel: { finishReasons } }, { bootstrap: 0 });
    expect(all.find((p) => p.metric === "category_consistency")!.value).toBeCloseTo(1 / 3, 12);
    expect(generationMetrics({ outputs, real, descriptions, realPool: real }, { bootstrap: 0 }).some((p) => p.metric === "chrf")).toBe(false);
  });
});
