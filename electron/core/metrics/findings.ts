import { splitDescription } from "../data/nodules";

/** Where a report's nodules are, as a conclusion names it: one lobe, both lobes, or the isthmus alone. */
export type Side = "right" | "left" | "both" | "isthmus";
/** One nodule or several. */
export type NoduleCount = "one" | "several";

/**
 * The side and number of nodules a description holds, by the nodule splitter (splitDescription):
 * right and left lobes → both; one lobe (with or without the isthmus) → that lobe; the isthmus
 * alone → isthmus. Null where it cannot tell: no nodule, or a nodule whose lobe it cannot read.
 */
export function descriptionFindings(description: string): { side: Side | null; count: NoduleCount | null } {
  const nodules = splitDescription(description).nodules;
  if (nodules.length === 0) return { side: null, count: null };
  const count: NoduleCount = nodules.length === 1 ? "one" : "several";
  if (nodules.some((n) => n.lobe === null)) return { side: null, count };
  const lobes = new Set(nodules.map((n) => n.lobe));
  const side: Side = lobes.has("right") && lobes.has("left") ? "both" : lobes.has("right") ? "right" : lobes.has("left") ? "left" : "isthmus";
  return { side, count };
}

// the first sentence of a conclusion that speaks of nodules; later ones are recommendations
// ("ТАБ узла правой доли") and lymph nodes ("лимфаденопатия шеи справа"), which name another side
const NODULAR = /зоб|узл|узел|кист|образовани/iu;
const BOTH = /дву(?:х)?сторонн|обеих\s+дол/iu;
const RIGHT = /правосторонн|прав(?:ой|ая)\s+дол|справа/iu;
const LEFT = /левосторонн|лев(?:ой|ая)\s+дол|слева/iu;
const ISTHMUS = /перешейк|перешеек/iu;
const SEVERAL = /многоузл|узловых\s+образовани|узлы|узлов(?![\p{L}])|(?<![\p{L}])кист(?![\p{L}])|образований/iu;
const ONE = /узлов(?:ой|ого|ое)\s+(?:зоб|образовани)|(?<![\p{L}])узел(?![\p{L}])|(?<![\p{L}])кист[аы](?![\p{L}])|образовани[ея](?![\p{L}])/iu;

/**
 * The side and number a conclusion names, read from its first sentence about nodules: null where
 * it names none (docs/metrics.md lists the phrases). "Многоузлового зоба" with no side names a
 * count and no side.
 */
export function conclusionFindings(conclusion: string): { side: Side | null; count: NoduleCount | null } {
  const sentence = conclusion.split(/(?<=[.!?;])\s+/u).find((s) => NODULAR.test(s));
  if (!sentence) return { side: null, count: null };
  const right = RIGHT.test(sentence);
  const left = LEFT.test(sentence);
  const side: Side | null = BOTH.test(sentence) || (right && left) ? "both" : right ? "right" : left ? "left" : ISTHMUS.test(sentence) ? "isthmus" : null;
  const count: NoduleCount | null = SEVERAL.test(sentence) ? "several" : ONE.test(sentence) ? "one" : null;
  return { side, count };
}
