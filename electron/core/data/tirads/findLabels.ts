import type { LabelFlag, LabelOccurrence, LabelSystem } from "../../../shared/domain/tirads";
import { buildMatchView } from "./matchView";

// The system name in its Latin, Cyrillic and Russian-keyboard-layout spellings (doc §8, V01–V14).
// The lookahead of the letters a match can start with (case-folded as the rest) changes no match;
// it lets the engine pass most positions without trying the lookbehind: the scan takes half the time.
const NAME = /(?=[EЕУTТ])(?<![\p{L}\p{N}])(?:(?<eu>EU|ЕУ|УГ)[\s-]*)?(?:TI[\s-]*RADS|ТИ[\s-]*РАДС|ЕШКФВЫ)(?![\p{L}])/giu;
const OTHER_LEFT = /(?:^|[^\p{L}])(?<sys>ACR|K|C|Kwak|Horvath|French|FR)[\s-]*$/iu;
const OTHER_RIGHT = /^\s*\(?\s*(?:по\s+)?(?<sys>Kwak|Horvath)/iu;
const NUMBER_BEFORE = [/(?<n>[1-5])\s*(?:категори[яи]|кат\.?)\s*(?:по\s*)?(?:шкале\s*)?$/iu, /категори[яиюей]+\s*(?<n>[1-5])\s*(?:по\s*)?(?:шкале\s*)?$/iu];
const AFTER_NAME = /^[\s:=-]*(?:\(\s*)?(?:(?:категори[яи]|кат\.?)\s*)?[\s:=-]*/iu;
const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5 };
const FIRST = /^(?:(?<d>\d+)|(?<r>IV|V|I{1,3})(?![\p{L}]))/u;
const SUBCATEGORY = /^(?<l>[a-cA-Cа-вА-В])(?![\p{L}])/u;
const SECOND = /^(?<sep>\s*(?:-|\/)\s*|\s*(?:и|,)\s*)(?:(?<d>\d)(?![\d]|[.,]\d|\s*(?:см|мм))|(?<r>IV|V|I{1,3})(?![\p{L}]))/u;
const TR = /(?<![\p{L}\p{N}])TR\s?[1-5](?![\p{L}\p{N}])/gu;
const BETHESDA = /(?<![\p{L}])(?:Bethesda|BSRTC)(?:\s*[-:]?\s*(?:IV|V|VI|I{1,3}|[1-6])(?![\p{L}\p{N}]))?/giu;

function category(match: RegExpExecArray["groups"], flags: LabelFlag[]): number | null {
  const n = match?.d !== undefined ? Number(match.d) : ROMAN[match?.r ?? ""];
  if (match?.r !== undefined && !flags.includes("roman")) flags.push("roman");
  if (n === undefined) return null;
  if (n < 1 || n > 5) {
    if (!flags.includes("out_of_range")) flags.push("out_of_range");
    return null;
  }
  return n;
}

function otherSystem(sys: string): LabelSystem {
  const s = sys.toUpperCase();
  return s === "ACR" ? "ACR" : s === "K" ? "K" : "other";
}

/**
 * Every label occurrence in a text, of every system, in text order, with offsets into the
 * original string. Policy (doc §4): EU or unspecified → EU-TIRADS; an explicit other system is
 * kept apart with no categories; Bethesda is cytology.
 */
export function findLabels(text: string): LabelOccurrence[] {
  const view = buildMatchView(text);
  const v = view.text;
  const out: { start: number; end: number; system: LabelSystem; categories: (number | null)[]; flags: LabelFlag[] }[] = [];

  for (const m of v.matchAll(NAME)) {
    let start = m.index;
    let end = m.index + m[0].length;
    const flags: LabelFlag[] = [];
    if (!m.groups?.eu) flags.push("no_eu_prefix");
    if (/ЕШКФВЫ/iu.test(m[0])) flags.push("keyboard_layout");
    const letters = (t: string) => t.replace(/[^\p{L}]/gu, "");
    if (letters(text.slice(view.toOriginal(start), view.toOriginal(end))) !== letters(m[0])) flags.push("homoglyphs");
    const left = v.slice(Math.max(0, start - 12), start);
    const other = OTHER_LEFT.exec(left) ?? OTHER_RIGHT.exec(v.slice(end, end + 20));
    if (other?.groups?.sys) {
      if (OTHER_LEFT.exec(left)) start -= OTHER_LEFT.exec(left)![0].replace(/^[^\p{L}]/u, "").length;
      // keep the other system's own grade in the span for display ("ACR TI-RADS TR4", "K-TIRADS 4", "(Kwak) 4a")
      const grade = /^\s*(?:\(\s*(?:Kwak|Horvath)\s*\)\s*)?[-:]?\s*(?:TR\s?)?[1-6](?:[a-cA-C](?![\p{L}]))?/iu.exec(v.slice(end));
      if (grade) end += grade[0].length;
      out.push({ start, end, system: otherSystem(other.groups.sys), categories: [], flags: [] });
      continue;
    }

    const categories: (number | null)[] = [];
    const after = AFTER_NAME.exec(v.slice(end))!;
    const first = FIRST.exec(v.slice(end + after[0].length));
    if (first) {
      let pos = end + after[0].length + first[0].length;
      categories.push(category(first.groups, flags));
      const sub = SUBCATEGORY.exec(v.slice(pos));
      // capital В before a space and a lowercase word is the next sentence ("3В левой доле"), not a sub-category
      if (sub && !(/^[ВвB]$/u.test(sub.groups!.l!) && /^.\s*[а-яё]/u.test(v.slice(pos))) && !/^[Вв]\s/u.test(v.slice(pos))) {
        flags.push("subcategory_dropped");
        pos += sub[0].length;
      }
      // a range or enumeration, of two ("3-4", "3 и 4") or, for three nodules, more ("2, 3 и 4", "3/4/5")
      for (let next = SECOND.exec(v.slice(pos)); next; next = SECOND.exec(v.slice(pos))) {
        const c2 = category(next.groups, flags);
        const c1 = categories[categories.length - 1];
        categories.push(c2);
        if (/[-/]/.test(next.groups!.sep!) && c1 != null && c2 != null && Math.abs(c2 - c1) > 1 && !flags.includes("range_nonadjacent"))
          flags.push("range_nonadjacent");
        pos += next[0].length;
      }
      if (/^\s*\)/.test(v.slice(pos)) && /\(\s*$/.test(after[0])) pos += /^\s*\)/.exec(v.slice(pos))![0].length;
      end = pos;
    } else {
      // a number before the name ("4 категория по шкале EU-TIRADS"): looked for only where none follows it
      const before = v.slice(Math.max(0, start - 40), start);
      const pre = NUMBER_BEFORE.map((re) => re.exec(before)).find((x) => x);
      if (pre?.groups?.n) {
        start -= pre[0].length;
        categories.push(Number(pre.groups.n));
      } else {
        categories.push(null);
        flags.push("missing_number");
      }
    }
    out.push({ start, end, system: "EU", categories, flags });
  }

  const covered = (i: number) => out.some((o) => i >= o.start && i < o.end);
  for (const m of v.matchAll(TR)) if (!covered(m.index)) out.push({ start: m.index, end: m.index + m[0].length, system: "ACR", categories: [], flags: [] });
  for (const m of v.matchAll(BETHESDA))
    if (!covered(m.index)) out.push({ start: m.index, end: m.index + m[0].length, system: "Bethesda", categories: [], flags: [] });

  return out
    .sort((a, b) => a.start - b.start)
    .map((o) => {
      const s = view.toOriginal(o.start);
      const e = view.toOriginal(o.end);
      return { start: s, end: e, raw: text.slice(s, e), system: o.system, categories: o.categories, flags: o.flags };
    });
}

export function euCategories(text: string): (number | null)[] {
  return findLabels(text)
    .filter((o) => o.system === "EU")
    .flatMap((o) => o.categories);
}

export function maxEuCategory(text: string): number | null {
  const numeric = euCategories(text).filter((c): c is number => c !== null);
  return numeric.length ? Math.max(...numeric) : null;
}
