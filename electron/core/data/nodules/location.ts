import type { Lobe } from "../../../shared/domain/tirads";

const LOBES: [RegExp, Lobe][] = [
  [/перешей|перешеек/iu, "isthmus"],
  [/прав(?:ой|ая|ую|\.)\s*дол|справа|пр\.\s*дол/iu, "right"],
  [/лев(?:ой|ая|ую|\.)\s*дол|слева|лев\.\s*дол/iu, "left"],
];
const SAME_LOBE = /(?:в\s+)?(?:этой|той)\s+же\s+доле|там\s+же/iu;

const THIRD_NAMES: Record<string, string> = { в: "upper", ср: "middle", н: "lower" };
const THIRD = /(?<![\p{L}])(в|ср|н)\/[3з](?:\s*-\s*(в|ср|н)\/[3з])?/iu;
const POLE = /(верхн|средн|нижн)[а-я]*\s+(?:трети|полюс)/iu;
const POLE_NAMES: Record<string, string> = { верхн: "upper", средн: "middle", нижн: "lower" };

/** The lobe a nodule sentence names first, or "same" for "в этой же доле". */
export function lobeOf(text: string): Lobe | "same" | null {
  let best: { at: number; lobe: Lobe } | null = null;
  for (const [re, lobe] of LOBES) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, lobe };
  }
  if (best) return best.lobe;
  return SAME_LOBE.test(text) ? "same" : null;
}

/** "upper", "middle", "lower" or a range such as "upper-middle" (в/3-ср/3; the typo в/з too). */
export function thirdOf(text: string): string | null {
  const m = THIRD.exec(text);
  if (m) {
    const a = THIRD_NAMES[m[1]!.toLowerCase()]!;
    return m[2] ? `${a}-${THIRD_NAMES[m[2].toLowerCase()]!}` : a;
  }
  const p = POLE.exec(text);
  return p ? POLE_NAMES[p[1]!.toLowerCase()]! : null;
}
