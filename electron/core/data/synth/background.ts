import type { Rng } from "../../../shared/random";
import { decimal, zipf } from "./weighted";

export type Background = "normal" | "ait" | "graves" | "diffuse" | "postop";

export function drawBackground(rng: Rng, noduleCount: number): Background {
  if (noduleCount === 0)
    return rng.weighted([
      ["normal", 40],
      ["ait", 35],
      ["diffuse", 10],
      ["graves", 8],
      ["postop", 7],
    ] as const);
  return rng.weighted([
    ["normal", 78],
    ["ait", 18],
    ["diffuse", 3],
    ["graves", 1],
  ] as const);
}

/** The sentences before the nodules: position, volumes, parenchyma (doc §3.4). */
export function describeBackground(rng: Rng, bg: Background): string {
  if (bg === "postop") {
    return zipf(rng, [
      "Состояние после тиреоидэктомии. В ложе щитовидной железы объемных образований не выявлено.",
      "Состояние после гемитиреоидэктомии справа. Левая доля не увеличена, структура однородная.",
      "Состояние после гемитиреоидэктомии слева. Правая доля обычных размеров.",
      "Щитовидная железа удалена. В ложе дополнительных образований не лоцируется.",
    ]);
  }
  const right = bg === "graves" || bg === "diffuse" ? 9 + rng.next() * 8 : bg === "ait" && rng.chance(0.2) ? 2 + rng.next() * 2 : 4 + rng.next() * 5;
  const left = right * (0.75 + rng.next() * 0.4);
  const isthmus = 0.2 + rng.next() * 0.4;
  const volume = zipf(rng, [
    `Объем правой доли ${decimal(right)} мл, левой ${decimal(left)} мл, общий объем ${decimal(right + left)} мл.`,
    `V правой доли – ${decimal(right)} см3, V левой доли – ${decimal(left)} см3, перешеек ${decimal(isthmus)} см.`,
    `Объем правой доли ${decimal(right)} см³, левой доли ${decimal(left)} см³. Перешеек ${decimal(isthmus)} см.`,
    `Общий объем ${decimal(right + left)} мл.`,
  ]);
  const position = zipf(rng, [
    "Щитовидная железа расположена типично.",
    "Щитовидная железа расположена обычно, контуры ровные, четкие.",
    "ЩЖ расположена типично, контуры четкие, ровные.",
    "",
    "Щитовидная железа обычной формы.",
  ]);
  const parenchyma =
    bg === "ait"
      ? zipf(rng, [
          "Паренхима диффузно неоднородная, эхогенность снижена.",
          "Эхоструктура диффузно неоднородная за счет множественных мелких гипоэхогенных участков.",
          "Паренхима неоднородная, с гиперэхогенными фиброзными тяжами.",
          'Структура по типу "пчелиных сот", эхогенность снижена.',
          "Определяется псевдоузловая перестройка паренхимы.",
        ])
      : bg === "graves"
        ? zipf(rng, [
            "Паренхима диффузно гипоэхогенная, при ЦДК кровоток резко усилен.",
            'Эхогенность диффузно снижена, кровоток усилен по типу "пожара", скорость в нижних щитовидных артериях до 62 см/с.',
          ])
        : bg === "diffuse"
          ? zipf(rng, ["Щитовидная железа диффузно увеличена, эхоструктура однородная.", "Железа увеличена, паренхима однородная, обычной эхогенности."])
          : zipf(rng, [
              "Эхогенность паренхимы обычная, эхоструктура однородная.",
              "Паренхима однородная, средней эхогенности.",
              "Эхоструктура однородная.",
              "",
            ]);
  return [position, volume, parenchyma].filter(Boolean).join(" ");
}
