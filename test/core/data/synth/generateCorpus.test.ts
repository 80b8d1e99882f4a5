import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { generateCorpus, reportsToCsv, type SynthOptions } from "../../../../electron/core/data/synth";
import { euCategories, findLabels, maxEuCategory } from "../../../../electron/core/data/tirads";
import { splitDescription } from "../../../../electron/core/data/nodules";
import { wordTokens } from "../../../../electron/shared/text/wordTokens";

const corpus = generateCorpus({ records: 7286, seed: 42 });
const share = (n: number, of: number) => n / of;

describe("generateCorpus", () => {
  it("is byte-identical for the same seed and differs for another", () => {
    const a = reportsToCsv(generateCorpus({ records: 500, seed: 42 }));
    expect(reportsToCsv(generateCorpus({ records: 500, seed: 42 }))).toBe(a);
    expect(reportsToCsv(generateCorpus({ records: 500, seed: 43 }))).not.toBe(a);
    // record k does not depend on the corpus size, nor on where the generation starts
    expect(reportsToCsv(corpus.slice(0, 500))).toBe(a);
    expect(generateCorpus({ records: 500, first: 200, seed: 42 })).toEqual(corpus.slice(200, 500));
  });

  it("a hospital whose physicians always name the category: the same reports, and a category in the conclusion of every labelled nodule", () => {
    const named = generateCorpus({ records: 500, seed: 42, categoryNamedRate: 1 });
    const usual = corpus.slice(0, 500);
    expect(named.map((r) => r.description)).toEqual(usual.map((r) => r.description));
    const labelled = usual.filter((r) => r.truth.background !== "postop" && r.truth.nodules.some((n) => n.category !== null));
    const names = (rs: typeof corpus) => rs.filter((r) => /TIRADS/.test(r.conclusion)).length;
    expect(labelled.length).toBeGreaterThan(250);
    // about half where the habit is the embedded dataset's; all but the conclusions that forget the one labelled nodule where it is always
    expect(Math.abs(names(labelled) / labelled.length - 0.5)).toBeLessThan(0.07);
    const namedLabelled = named.filter((r) => labelled.some((u) => u.sourceId === r.sourceId));
    expect(names(namedLabelled) / namedLabelled.length).toBeGreaterThan(0.97);
  });

  /**
   * A hospital of `options` beside the rules' hospital of the same seed: each labelled nodule's
   * category by the rules and as written (the findings, all but the label's digit, checked equal),
   * and each conclusion that names a category: whether the description's highest moved, whether the
   * conclusion names the highest written
   */
  function againstTheRules(options: Partial<SynthOptions>) {
    const rules = generateCorpus({ records: 600, seed: 42, categoryNamedRate: 1 });
    const graded = generateCorpus({ records: 600, seed: 42, categoryNamedRate: 1, ...options });
    const masked = (d: string) => findLabels(d).reduceRight((s, l) => s.slice(0, l.start) + l.raw.replace(/\d/g, "#") + s.slice(l.end), d);
    const labels: { byRules: number; written: number }[] = [];
    const conclusions: { moved: boolean; follows: boolean }[] = [];
    for (const [i, g] of graded.entries()) {
      const r = rules[i]!;
      expect(masked(g.description)).toBe(masked(r.description));
      g.truth.nodules.forEach((n, k) => {
        const byRules = r.truth.nodules[k]!.category;
        if (byRules === null) return expect(n.category).toBeNull();
        labels.push({ byRules, written: n.category! });
      });
      const written = euCategories(g.description).filter((c): c is number => c !== null);
      if (maxEuCategory(g.conclusion) !== null && written.length)
        conclusions.push({
          moved: maxEuCategory(g.description) !== maxEuCategory(r.description),
          follows: maxEuCategory(g.conclusion) === Math.max(...written),
        });
    }
    expect(labels.length).toBeGreaterThan(600);
    return { labels, conclusions };
  }
  const shareWhere = <T>(items: T[], test: (t: T) => boolean) => items.filter(test).length / items.length;

  it("hospitals whose graders disagree: the same findings, a share of the labels one step from the rules, conclusions that follow the written label", () => {
    const { labels, conclusions } = againstTheRules({ labelShiftRate: 0.3 });
    for (const l of labels) expect([0, 1]).toContain(Math.abs(l.written - l.byRules));
    expect(Math.abs(shareWhere(labels, (l) => l.written !== l.byRules) - 0.3)).toBeLessThan(0.05);
    const moved = conclusions.filter((c) => c.moved);
    expect(moved.length).toBeGreaterThan(50);
    // all but the conclusions that speak of one nodule and not the highest (the physicians' habit)
    expect(shareWhere(moved, (c) => c.follows)).toBeGreaterThan(0.9);
  });

  it("hospitals whose labels say nothing of the findings: every label drawn from 2–5 alike, conclusions that follow it", () => {
    const { labels, conclusions } = againstTheRules({ labelShiftRate: 1, labelShift: "any" });
    for (const c of [2, 3, 4, 5]) expect(Math.abs(shareWhere(labels, (l) => l.written === c) - 0.25)).toBeLessThan(0.05);
    // so the findings' own category is kept about a quarter of the time
    expect(Math.abs(shareWhere(labels, (l) => l.written === l.byRules) - 0.25)).toBeLessThan(0.07);
    expect(conclusions.length).toBeGreaterThan(200);
    expect(shareWhere(conclusions, (c) => c.follows)).toBeGreaterThan(0.9);
  });

  it("hospitals whose highest label is drawn: every category as often the highest, the other labels under it, conclusions that follow it", () => {
    const { labels, conclusions } = againstTheRules({ labelShiftRate: 1, labelShift: "highest" });
    expect(conclusions.length).toBeGreaterThan(200);
    expect(shareWhere(conclusions, (c) => c.follows)).toBeGreaterThan(0.9);
    expect(labels.length).toBeGreaterThan(600);
    const records = generateCorpus({ records: 2000, seed: 42, labelShiftRate: 1, labelShift: "highest" })
      .map((r) => r.truth.nodules.map((n) => n.category).filter((c): c is number => c !== null))
      .filter((l) => l.length > 0);
    const highest = records.map((l) => Math.max(...l));
    for (const c of [2, 3, 4, 5]) expect(Math.abs(shareWhere(highest, (h) => h === c) - 0.25)).toBeLessThan(0.05);
    // one label carries the highest, the others are below it: only the highest of several says the conclusion's category
    const several = records.filter((l) => l.length > 1 && Math.max(...l) > 2);
    expect(several.length).toBeGreaterThan(400);
    for (const l of several) expect(l.filter((c) => c === Math.max(...l))).toHaveLength(1);
  });

  it("hospitals with their own mix of nodule counts: only the counts asked for, in their proportions", () => {
    const reports = generateCorpus({
      records: 1000,
      seed: 42,
      noduleCounts: [
        [2, 1],
        [3, 3],
      ],
    }).filter((r) => r.truth.background !== "postop");
    const counts = reports.map((r) => r.truth.nodules.length);
    expect(new Set(counts)).toEqual(new Set([2, 3]));
    expect(Math.abs(shareWhere(counts, (c) => c === 3) - 0.75)).toBeLessThan(0.05);
  });

  it("has the requested size and the paper's share of empty additional data (72.4 %)", () => {
    expect(corpus).toHaveLength(7286);
    expect(Math.abs(share(corpus.filter((r) => r.additional === null).length, corpus.length) - 0.724)).toBeLessThan(0.03);
  });

  it("draws 0–4 nodules per record and a long-tailed category mix", () => {
    const counts = [0, 0, 0, 0, 0];
    const cats: Record<number, number> = { 2: 0, 3: 0, 4: 0, 5: 0 };
    let labelled = 0;
    for (const r of corpus) {
      counts[r.truth.nodules.length]!++;
      for (const n of r.truth.nodules) {
        if (n.category === null) continue;
        cats[n.category]!++;
        labelled++;
      }
    }
    expect(share(counts[0]!, corpus.length)).toBeGreaterThan(0.12);
    expect(share(counts[1]!, corpus.length)).toBeGreaterThan(0.25);
    expect(share(counts[4]!, corpus.length)).toBeGreaterThan(0.05);
    expect(Math.abs(share(cats[3]!, labelled) - 0.55)).toBeLessThan(0.05);
    expect(Math.abs(share(cats[4]!, labelled) - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(share(cats[5]!, labelled) - 0.1)).toBeLessThan(0.04);
    expect(Math.abs(share(cats[2]!, labelled) - 0.1)).toBeLessThan(0.04);
  });

  it("writes labels the normaliser reads back as the truth (typos and variants included)", () => {
    let agree = 0;
    for (const r of corpus) {
      const want = r.truth.nodules.map((n) => n.category).filter((c) => c !== null);
      if (JSON.stringify(euCategories(r.description)) === JSON.stringify(want)) agree++;
    }
    expect(share(agree, corpus.length)).toBeGreaterThan(0.97);
  });

  it("splits into the nodules it generated, in the right lobes", () => {
    let agree = 0;
    const sample = corpus.slice(0, 1000);
    for (const r of sample) {
      const got = splitDescription(r.description).nodules.map((n) => n.lobe);
      if (JSON.stringify(got) === JSON.stringify(r.truth.nodules.map((n) => n.lobe))) agree++;
    }
    expect(share(agree, sample.length)).toBeGreaterThan(0.9);
  });

  it("keeps lengths in the range of real reports", () => {
    const d = corpus.map((r) => wordTokens(r.description).length).sort((a, b) => a - b);
    const c = corpus.map((r) => wordTokens(r.conclusion).length);
    const median = d[d.length >> 1]!;
    expect(median).toBeGreaterThanOrEqual(45);
    expect(median).toBeLessThanOrEqual(100);
    expect(d[d.length - 1]).toBeLessThanOrEqual(260);
    const meanC = c.reduce((a, b) => a + b, 0) / c.length;
    expect(meanC).toBeGreaterThan(6);
    expect(meanC).toBeLessThan(16);
    expect(Math.min(...c)).toBeGreaterThanOrEqual(2);
  });

  it("writes conclusions consistent with the findings", () => {
    const bilateral = corpus.filter(
      (r) => r.truth.nodules.length >= 2 && new Set(r.truth.nodules.map((n) => n.lobe)).has("right") && new Set(r.truth.nodules.map((n) => n.lobe)).has("left"),
    );
    expect(share(bilateral.filter((r) => /многоузлов|двух?сторон|обеих дол|кист/iu.test(r.conclusion)).length, bilateral.length)).toBeGreaterThan(0.9);
    const none = corpus.filter((r) => r.truth.nodules.length === 0);
    expect(none.filter((r) => /узлов(ого|ой) зоб/iu.test(r.conclusion)).length).toBe(0);
  });

  it("has a long tail of phrasing: a few common variants, many rare ones", () => {
    const verbs = new Map<string, number>();
    const dopplers = new Map<string, number>();
    for (const r of corpus) {
      for (const m of r.description.matchAll(/при (?:ЦДК|ЭДК|ЦДк)\s*[-—]?\s*([^,.]+)/gu)) dopplers.set(m[1]!, (dopplers.get(m[1]!) ?? 0) + 1);
      for (const m of r.description.matchAll(/(определяется|визуализируется|лоцируется|выявляется|имеется|отмечается|регистрируется)/gu))
        verbs.set(m[1]!, (verbs.get(m[1]!) ?? 0) + 1);
    }
    const total = [...dopplers.values()].reduce((a, b) => a + b, 0);
    const sorted = [...dopplers.values()].sort((a, b) => b - a);
    expect(sorted[0]! / total).toBeLessThan(0.6);
    expect(sorted.filter((n) => n / total < 0.01).length).toBeGreaterThanOrEqual(5);
    expect(verbs.size).toBe(7);
    // rare findings exist
    expect(corpus.some((r) => /микрокальцинат/u.test(r.description))).toBe(true);
    expect(corpus.some((r) => /Лимфаденопатия|вторичного поражения/u.test(r.conclusion))).toBe(true);
    expect(corpus.some((r) => /токсического зоба/u.test(r.conclusion))).toBe(true);
  });

  it("round-trips through CSV with quotes, commas and newlines", () => {
    const reports = [...corpus.slice(0, 50), { sourceId: "X", description: 'узел "a", b\nc', additional: null, conclusion: "зоб" }];
    const rows = parse(reportsToCsv(reports), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["id", "Описание", "Дополнительные данные", "Заключение"]);
    expect(rows[50]!["Описание"]).toBe('узел "a", b\nc');
    expect(rows[3]!["Заключение"]).toBe(corpus[3]!.conclusion);
  });
});
