import { createRng, type Rng } from "../../../shared/random";
import type { RawReport } from "../../../shared/domain/records";
import type { Lobe } from "../../../shared/domain/tirads";
import { describeAdditional } from "./additional";
import { describeBackground, drawBackground } from "./background";
import { writeConclusion } from "./conclusion";
import { describeNodule } from "./describeNodule";
import { DEFAULT_CATEGORY_MIX, drawNodule, thirdName, type CategoryMix, type Nodule } from "./nodule";
import { addTypos } from "./typos";

export type SynthReport = RawReport & {
  truth: { nodules: { lobe: Lobe; third: string | null; category: number | null }[]; background: string };
};

export type SynthOptions = {
  records: number;
  /** the first record to write (0 when unset): records first..records-1, each the same as in the whole corpus */
  first?: number;
  seed: number;
  categoryMix?: CategoryMix;
  /** share of records whose additional data is empty (the paper: 72.4 %) */
  emptyAdditionalRate?: number;
  /** share of records with no label at all (reports from before EU-TIRADS) */
  unlabelledRate?: number;
  /** multiplies every typo probability */
  typoRate?: number;
  /** share of conclusions of labelled nodules that name the category (default: about half, as the physicians of eu-tirads.md) */
  categoryNamedRate?: number;
  /**
   * share of labelled nodules whose physician wrote a category one step from what the findings give
   * by the rules (graders who disagree; default 0): the conclusion follows the written label, so
   * the description's label, not its findings, says the category
   */
  labelShiftRate?: number;
  /**
   * how far a shifted label moves: one step (the default); to any category 2–5 drawn uniformly; or,
   * per record, "highest": the record's highest label drawn from 2–5 alike and put on one of its
   * labelled nodules, the others drawn from those below it (2 when it is 2), so that only the
   * highest of several labels says the conclusion's category and every category is as often the highest
   */
  labelShift?: "oneStep" | "any" | "highest";
  /** how many nodules a record describes, as [count 0–4, weight] pairs (default: the embedded dataset's mix, 17 % none) */
  noduleCounts?: readonly (readonly [count: number, weight: number])[];
};

const DEFAULT_NODULE_COUNTS = [
  [0, 17],
  [1, 32],
  [2, 25],
  [3, 16],
  [4, 10],
] as const;

export { DEFAULT_SYNTH } from "../../../shared/domain/synthDefaults";

/**
 * A seeded corpus of realistic anonymised reports in the style of ../shared/domain/eu-tirads.md.
 * Each record draws from its own stream (seed, index), so record k is the same whatever the corpus size.
 */
export function generateCorpus(options: SynthOptions): SynthReport[] {
  const mix = options.categoryMix ?? DEFAULT_CATEGORY_MIX;
  const out: SynthReport[] = [];
  const root = createRng(options.seed);
  for (let i = options.first ?? 0; i < options.records; i++) {
    const rng = root.fork(`record:${i}`);
    const count = rng.weighted(options.noduleCounts ?? DEFAULT_NODULE_COUNTS);
    const bg = drawBackground(rng, count);
    // archive reports from before EU-TIRADS (2017) carry no labels at all
    const preEuTirads = rng.chance(options.unlabelledRate ?? 0.06);
    // the graders' own stream: the findings, and every other draw of the record, stay the same
    const graders = options.labelShiftRate ? root.fork(`graders:${i}`) : null;
    const nodules: Nodule[] = [];
    for (let k = 0; k < (bg === "postop" ? Math.min(count, 1) : count); k++) {
      const lobe: Lobe = rng.weighted([
        ["right", 46],
        ["left", 44],
        ["isthmus", 10],
      ] as const);
      const n = drawNodule(rng, lobe, mix);
      // a small cyst after a labelled nodule often goes unlabelled
      if (preEuTirads || (k > 0 && n.kind === "cyst" && Math.max(...n.size) < 0.5 && rng.chance(0.4))) n.label = null;
      nodules.push(n);
    }
    if (graders) regrade(graders, nodules, options.labelShiftRate!, options.labelShift ?? "oneStep");
    // reports go right lobe, then left, then isthmus
    const order: Record<Lobe, number> = { right: 0, left: 1, isthmus: 2 };
    nodules.sort((a, b) => order[a.lobe] - order[b.lobe]);
    // lymph-node findings live in the additional data, which is empty in ~72 % of records
    const hasAdditional = !rng.chance(options.emptyAdditionalRate ?? 0.724);
    const suspiciousLn = hasAdditional && (nodules.some((n) => n.label === 5) ? rng.chance(0.3) : rng.chance(0.01));
    const sentences = [describeBackground(rng, bg)];
    if (count === 0 && bg !== "postop") sentences.push(rng.pick(["Узловые образования не выявлены.", "Узлов нет.", "Очаговых образований не определяется."]));
    nodules.forEach((n, k) => sentences.push(describeNodule(rng, n, k > 0 && nodules[k - 1]!.lobe === n.lobe)));
    const description = addTypos(rng, sentences.filter(Boolean).join(" "), options.typoRate ?? 1);
    out.push({
      sourceId: `SYN-${String(i + 1).padStart(6, "0")}`,
      description,
      additional: hasAdditional ? describeAdditional(rng, suspiciousLn) : null,
      conclusion: writeConclusion(rng, nodules, bg, suspiciousLn, options.categoryNamedRate),
      truth: { nodules: nodules.map((n) => ({ lobe: n.lobe, third: thirdName(n), category: n.label })), background: bg },
    });
  }
  return out;
}

/**
 * The graders' labels: each labelled nodule's, with chance `rate`, one step from the rules or drawn
 * from 2–5 alike; or ("highest") the record's, with chance `rate`: its highest label drawn from 2–5
 * alike and put on one labelled nodule, the others drawn from the categories below it.
 */
function regrade(rng: Rng, nodules: Nodule[], rate: number, shift: NonNullable<SynthOptions["labelShift"]>): void {
  const labelled = nodules.filter((n) => n.label !== null);
  if (shift !== "highest") {
    for (const n of labelled) if (rng.chance(rate)) n.label = shift === "any" ? rng.pick([2, 3, 4, 5]) : shiftedLabel(rng, n.label!);
    return;
  }
  if (!labelled.length || !rng.chance(rate)) return;
  const highest = rng.pick([2, 3, 4, 5]);
  const carrier = rng.int(labelled.length);
  labelled.forEach((n, k) => (n.label = k === carrier ? highest : 2 + rng.int(Math.max(1, highest - 2))));
}

/** A category one step from `label`, within EU-TIRADS 2–5. */
function shiftedLabel(rng: Rng, label: number): number {
  if (label <= 2) return 3;
  if (label >= 5) return 4;
  return rng.chance(0.5) ? label + 1 : label - 1;
}
