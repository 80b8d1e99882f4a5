import type { Rng } from "../../../shared/random";
import { shuffled } from "../../../shared/random";
import type { Nodule } from "./nodule";
import {
  DOPPLER_PREFIX,
  ECHO,
  FOCI,
  HALO,
  LABEL_FORMS,
  LOBE_PHRASES,
  MARGINS,
  NOUNS,
  POSITIONS,
  SHAPE,
  SIZE_WORDS,
  STRUCTURE,
  TIMES,
  VASCULARITY,
  VERBS,
} from "./lexicon";
import { decimal, zipf } from "./weighted";

function sizeText(rng: Rng, n: Nodule): string {
  const [a, b, c] = n.size;
  const style = rng.weighted([
    ["cm3", 10],
    ["mm3", 2],
    ["d", n.kind === "cyst" && a < 0.6 ? 4 : 0.3],
    ["dot", 1],
    ["upto", 0.5],
  ] as const);
  const times = zipf(rng, TIMES);
  const words = zipf(rng, SIZE_WORDS);
  const w = words ? `${words} ` : "";
  switch (style) {
    case "mm3":
      return `${w}${Math.round(a * 10)}${times}${Math.round(b * 10)}${times}${Math.round(c * 10)} мм`;
    case "d":
      return rng.pick([`d= ${decimal(a)} см`, `d-${decimal(a)}см`, `диаметром ${decimal(a)} см`, `до ${decimal(a)} см в диаметре`]);
    case "dot":
      return `${w}${a.toFixed(1)}${times}${b.toFixed(1)}${times}${c.toFixed(1)} см`;
    case "upto":
      return `до ${decimal(Math.max(a, b, c))} см`;
    default:
      return `${w}${decimal(a)}${times}${decimal(b)}${times}${decimal(c)}${rng.chance(0.15) ? "см" : " см"}`;
  }
}

type Gender = "n" | "m" | "f";
const GENDER: Record<string, Gender> = { узел: "m", киста: "f" };

function genderOf(noun: string): Gender {
  const head = noun.split(" ").find((w) => w in GENDER || w.startsWith("образовани"));
  return head && head in GENDER ? GENDER[head]! : noun.includes("киста") ? "f" : noun.startsWith("узел") ? "m" : "n";
}

/** Adjectives agree with the noun: "аваскулярное образование", "аваскулярный узел", "аваскулярная киста". */
function agree(phrase: string, gender: Gender): string {
  if (gender === "n") return phrase;
  return phrase.replace(/([а-яё-]+?)(н|рн|ов)ое(?![а-яё])/giu, (_m, stem: string, suffix: string) => `${stem}${suffix}${gender === "m" ? "ый" : "ая"}`);
}

export function labelText(rng: Rng, category: number): string {
  return zipf(rng, LABEL_FORMS, 1.6).replace("{n}", String(category));
}

/** One nodule sentence; the label (if any) closes it, usually with no full stop after it. */
export function describeNodule(rng: Rng, n: Nodule, sameLobeAsPrevious: boolean): string {
  const where =
    sameLobeAsPrevious && rng.chance(0.35)
      ? zipf(rng, ["В этой же доле", "Также в этой доле", "Ниже,", "Кроме того, в этой доле", "Рядом"])
      : zipf(rng, LOBE_PHRASES[n.lobe]);
  const third = n.third ? ` в ${n.third}` : "";
  const pos = zipf(rng, POSITIONS, 0.8);
  const noun = zipf(rng, NOUNS[n.kind]);
  const gender = genderOf(noun);
  const features: string[] = [];
  if (!noun.includes("эхоген")) features.push(zipf(rng, n.echo === "anechoic" ? ECHO.anechoic : ECHO[n.echo]));
  if (n.kind === "cyst") features.push(zipf(rng, STRUCTURE.cyst));
  else features.push(zipf(rng, n.mixed ? STRUCTURE.mixed : STRUCTURE.solid));
  if (n.tall || rng.chance(0.6)) features.push(zipf(rng, n.tall ? SHAPE.tall : SHAPE.oval));
  features.push(zipf(rng, n.irregular ? MARGINS.irregular : MARGINS.smooth));
  if (rng.chance(0.12)) features.push(zipf(rng, HALO));
  if (n.micro) features.push(zipf(rng, FOCI.micro));
  else if (n.benignFoci) features.push(zipf(rng, FOCI.benign));
  // physicians shuffle the middle of the sentence freely (doc §3.2)
  const middle = (rng.chance(0.3) ? shuffled(features, rng) : features).map((f) => agree(f, gender));
  const doppler = `${zipf(rng, DOPPLER_PREFIX)} ${zipf(rng, VASCULARITY[n.vascularity])}`;
  const size = sizeText(rng, n);
  const verb = rng.chance(0.12) ? "–" : zipf(rng, VERBS);
  const sizeFirst = rng.chance(0.2);
  const body = sizeFirst
    ? `${noun} ${size.replace(/^размер\S*\s*/, "")}, ${middle.join(", ")}, ${doppler}`
    : `${noun} ${middle.join(", ")}${rng.chance(0.85) ? `, ${doppler}` : ""}, ${size}`;
  let sentence = `${where}${third}${pos ? ` ${pos}` : ""} ${verb} ${body}.`;
  if (n.label !== null) sentence += `${rng.chance(0.85) ? " " : ""}${labelText(rng, n.label)}`;
  return sentence;
}
