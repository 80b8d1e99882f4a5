import type { Rng } from "../../../shared/random";
import type { Lobe } from "../../../shared/domain/tirads";
import { THIRDS, THIRD_NAMES } from "./lexicon";

export type CategoryMix = { 2: number; 3: number; 4: number; 5: number };
/** Per labelled nodule, routine reports of an endocrinology centre (doc §2.3, an estimate). */
export const DEFAULT_CATEGORY_MIX: CategoryMix = { 2: 0.1, 3: 0.55, 4: 0.25, 5: 0.1 };

export type Nodule = {
  lobe: Lobe;
  third: (typeof THIRDS)[number] | null;
  kind: "solid" | "cyst" | "spongiform";
  echo: "iso" | "hyper" | "mild" | "marked" | "anechoic";
  mixed: boolean;
  tall: boolean;
  irregular: boolean;
  micro: boolean;
  benignFoci: boolean;
  vascularity: "none" | "peri" | "mixed" | "intra";
  /** cm: [width, depth, length] */
  size: [number, number, number];
  /** the category the physician wrote (null: unlabelled) */
  label: number | null;
};

function sizeFor(rng: Rng, category: number): [number, number, number] {
  const median = { 2: 0.6, 3: 1.2, 4: 1.0, 5: 0.9 }[category] ?? 1;
  const base = Math.max(0.2, median * Math.exp((rng.next() - 0.5) * 1.6));
  const d = () => Math.round(base * (0.7 + rng.next() * 0.6) * 10) / 10 || 0.2;
  return [d(), d(), d()];
}

/** Findings drawn to match a category by the EU-TIRADS rules, then the label a physician writes. */
export function drawNodule(rng: Rng, lobe: Lobe, mix: CategoryMix): Nodule {
  const category = rng.weighted([
    [2, mix[2]],
    [3, mix[3]],
    [4, mix[4]],
    [5, mix[5]],
  ] as const);
  const n: Nodule = {
    lobe,
    third: lobe === "isthmus" || rng.chance(0.12) ? null : rng.pick(THIRDS),
    kind: "solid",
    echo: "iso",
    mixed: false,
    tall: false,
    irregular: false,
    micro: false,
    benignFoci: false,
    vascularity: rng.pick(["none", "peri", "peri", "mixed"] as const),
    size: sizeFor(rng, category),
    label: category,
  };
  if (category === 2) {
    n.kind = rng.chance(0.8) ? "cyst" : "spongiform";
    n.echo = n.kind === "cyst" ? "anechoic" : "iso";
    n.vascularity = rng.chance(0.8) ? "none" : "peri";
  } else if (category === 3) {
    n.echo = rng.chance(0.8) ? "iso" : "hyper";
    n.mixed = rng.chance(0.25);
    n.benignFoci = rng.chance(0.15);
  } else if (category === 4) {
    n.echo = "mild";
    n.mixed = rng.chance(0.1);
    n.benignFoci = rng.chance(0.08);
  } else {
    // one high-risk feature is enough; some nodules have several
    const features = rng.chance(0.35) ? 2 : 1;
    for (let i = 0; i < features; i++) {
      const f = rng.weighted([
        ["marked", 3],
        ["tall", 3],
        ["irregular", 2],
        ["micro", 2],
      ] as const);
      if (f === "marked") n.echo = "marked";
      else if (f === "tall") n.tall = true;
      else if (f === "irregular") n.irregular = true;
      else n.micro = true;
    }
    if (n.echo === "iso") n.echo = rng.chance(0.7) ? "mild" : "iso";
    n.vascularity = rng.pick(["mixed", "intra", "intra", "peri"] as const);
  }
  // physicians are not perfectly consistent with the guideline (doc §1): off by one now and then
  if (category >= 3 && rng.chance(0.07)) n.label = category === 5 ? 4 : category + (rng.chance(0.5) ? 1 : -1);
  return n;
}

export function thirdName(n: Nodule): string | null {
  return n.third ? THIRD_NAMES[n.third] : null;
}
