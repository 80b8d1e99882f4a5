import type { Rng } from "../../../shared/random";

// Typos real reports have (doc §3.7), most frequent first. Applied to descriptions only.
const WORD_TYPOS: [RegExp, string[], number][] = [
  [/эхогенности/g, ["экзогенности", "эхогености", "эхогеннсти"], 0.12],
  [/кровотока/g, ["кровтока"], 0.03],
  [/размерами/g, ["размерамии", "разменрами"], 0.03],
  [/контурами/g, ["контурми"], 0.03],
  [/образование/g, ["образовние"], 0.02],
  [/определяется/g, ["опредляется"], 0.03],
  [/структуры/g, ["стркутуры"], 0.02],
  [/гипоэхогенное/g, ["гипоэхогеное"], 0.03],
];

/** Seeded noise: misspellings, Latin "c" for the preposition "с", в/з for в/3, spacing slips. */
export function addTypos(rng: Rng, text: string, rate: number): string {
  let out = text;
  for (const [re, variants, p] of WORD_TYPOS) out = out.replace(re, (w) => (rng.chance(p * rate) ? rng.pick(variants) : w));
  out = out.replace(/ с /g, (w) => (rng.chance(0.06 * rate) ? " c " : w));
  out = out.replace(/\/3/g, (w) => (rng.chance(0.04 * rate) ? "/з" : w));
  out = out.replace(/, /g, (w) => (rng.chance(0.02 * rate) ? "," : rng.chance(0.01 * rate) ? ",  " : w));
  out = out.replace(/\. (?=[А-Я])/g, (w) => (rng.chance(0.03 * rate) ? "." : w));
  return out;
}
