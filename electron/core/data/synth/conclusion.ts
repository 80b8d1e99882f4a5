import type { Rng } from "../../../shared/random";
import type { Background } from "./background";
import type { Nodule } from "./nodule";
import { zipf } from "./weighted";

const PREFIXES = ["Эхографические признаки", "Эхо-признаки", "УЗ-признаки", "Признаки"];
const FNA_THRESHOLD_CM = { 5: 1.0, 4: 1.5, 3: 2.0 } as Record<number, number>;

function genitiveGoitre(rng: Rng, nodules: Nodule[]): string {
  const lobes = new Set(nodules.map((n) => n.lobe));
  const cystsOnly = nodules.every((n) => n.kind === "cyst");
  const side = lobes.has("right") && lobes.has("left") ? "both" : lobes.has("right") ? "right" : lobes.has("left") ? "left" : "isthmus";
  if (cystsOnly) {
    const where = side === "both" ? "обеих долей" : side === "right" ? "правой доли" : side === "left" ? "левой доли" : "перешейка";
    return nodules.length > 1 ? `кист ${where} щитовидной железы` : `кисты ${where} щитовидной железы`;
  }
  if (nodules.length === 1) {
    return side === "isthmus" ? "узлового образования перешейка" : side === "right" ? "правостороннего узлового зоба" : "левостороннего узлового зоба";
  }
  if (side === "both")
    return zipf(rng, ["двухстороннего многоузлового зоба", "двустороннего многоузлового зоба", "узловых образований обеих долей", "многоузлового зоба"]);
  return side === "right" ? "правостороннего многоузлового зоба" : side === "left" ? "левостороннего многоузлового зоба" : "многоузлового зоба";
}

/** The share of labelled conclusions that name the category, where a hospital's habit does not say (the physicians of ../shared/domain/eu-tirads.md: about half). */
export const CATEGORY_NAMED_RATE = 0.5;

function labelPart(rng: Rng, nodules: Nodule[], namedRate: number): string {
  const cats = [...new Set(nodules.map((n) => n.label).filter((c): c is number => c !== null))].sort();
  if (cats.length === 0 || rng.chance(1 - namedRate)) return "";
  const max = cats[cats.length - 1]!;
  const second = cats[cats.length - 2];
  const form = rng.weighted([
    ["max", 6],
    ["range", second ? 3 : 0],
    ["enum", second ? 1 : 0],
    ["bare", 0.6],
  ] as const);
  const text =
    form === "max"
      ? `EU-TIRADS ${max}`
      : form === "range"
        ? `EU-TIRADS ${second}${zipf(rng, ["-", "–", "/"])}${max}`
        : form === "enum"
          ? `EU-TIRADS ${second} и ${max}`
          : "EU-TIRADS";
  return zipf(rng, [` (${text})`, `, ${text}`, ` ${text}`]);
}

/**
 * The conclusion, consistent with the findings by the rules of doc §5.2, with 5–10 % noise;
 * `categoryNamedRate` is the share of conclusions of labelled nodules that name the category.
 */
export function writeConclusion(rng: Rng, nodules: Nodule[], bg: Background, suspiciousLymphNodes: boolean, categoryNamedRate = CATEGORY_NAMED_RATE): string {
  const prefix = zipf(rng, PREFIXES);
  const parts: string[] = [];
  if (bg === "postop")
    parts.push(
      zipf(rng, [
        "Состояние после тиреоидэктомии. Данных за рецидив не получено",
        "Состояние после гемитиреоидэктомии",
        "Состояние после оперативного лечения, без признаков рецидива",
      ]),
    );
  else if (nodules.length === 0) {
    parts.push(
      bg === "ait"
        ? zipf(rng, [
            `${prefix} диффузных изменений щитовидной железы по типу аутоиммунного тиреоидита`,
            "Диффузные изменения ЩЖ по типу АИТ",
            "УЗ-признаки ХАИТ",
            "УЗ-признаки ХАИТ (атрофическая форма)",
          ])
        : bg === "graves"
          ? `${prefix} диффузного токсического зоба`
          : bg === "diffuse"
            ? zipf(rng, [`${prefix} диффузного увеличения щитовидной железы`, "Диффузный зоб I степени"])
            : zipf(rng, [
                "Эхографических признаков патологии щитовидной железы не выявлено",
                "Щитовидная железа без особенностей",
                "Патологии щитовидной железы не выявлено",
              ]),
    );
  } else {
    // noise: a conclusion that forgets the smallest nodule
    const seen = nodules.length > 1 && rng.chance(0.05) ? nodules.slice(0, -1) : nodules;
    let main = rng.chance(0.8)
      ? `${prefix} ${genitiveGoitre(rng, seen)}`
      : zipf(rng, [
          seen.length > 1 ? "Многоузловой зоб щитовидной железы" : "Узловой зоб щитовидной железы",
          seen.length > 1 ? "Многоузловой коллоидный зоб" : "Узловое образование щитовидной железы",
          seen.length > 1 ? "Многоузловой зоб" : "Узловой зоб",
        ]);
    if (bg === "ait" || rng.chance(0.03))
      main += zipf(rng, [
        " на фоне аутоиммунного тиреоидита",
        " на фоне диффузных изменений по типу АИТ",
        " на фоне аутоиммунного заболевания щитовидной железы",
      ]);
    parts.push(main + labelPart(rng, seen, categoryNamedRate));
    const fna = nodules.find((n) => n.label !== null && FNA_THRESHOLD_CM[n.label] !== undefined && Math.max(...n.size) > FNA_THRESHOLD_CM[n.label]!);
    if (fna && rng.chance(0.6)) parts.push(`Рекомендована ТАБ узла ${fna.lobe === "right" ? "правой доли" : fna.lobe === "left" ? "левой доли" : "перешейка"}`);
    else if (rng.chance(0.45))
      parts.push(
        zipf(rng, [
          "Рекомендовано динамическое наблюдение, контроль УЗИ через 6-12 мес",
          "Контроль УЗИ через 6-12 мес",
          "Динамическое наблюдение, контроль УЗИ через 12 мес",
          "Рекомендована консультация эндокринолога",
          "Контроль УЗИ щитовидной железы через 6 месяцев",
        ]),
      );
  }
  if (suspiciousLymphNodes)
    parts.push(
      zipf(rng, [
        "Лимфаденопатия шеи справа, подозрительная на вторичное поражение",
        "Лимфаденопатия шеи слева",
        "Признаки вторичного поражения шейных лимфоузлов",
      ]),
    );
  const text = parts.join(". ");
  return rng.chance(0.08) ? text : `${text}.`;
}
