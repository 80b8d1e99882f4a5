/**
 * Metric and design names as words, in both of the app's languages: what the window, the CLI,
 * the report and the answer sentences show instead of ids such as kl_unigram_vs_real. An id
 * missing here (a metric added later) is shown as itself.
 */
export type LabelLanguage = "en" | "ru";

const METRICS: Record<LabelLanguage, Record<string, string>> = {
  en: {
    samples: "samples",
    unique_outputs: "share of unique outputs",
    mean_length: "mean length (words)",
    median_length: "median length (words)",
    distinct_1: "distinct words (distinct-1)",
    distinct_2: "distinct word pairs (distinct-2)",
    distinct_3: "distinct word triples (distinct-3)",
    tail_survival: "rare words surviving",
    self_bleu4: "self-similarity (self-BLEU-4)",
    kl_unigram_vs_real: "KL vs real (words)",
    kl_bigram_vs_real: "KL vs real (word pairs)",
    kl_unigram_vs_m1: "KL vs M1",
    js_unigram_vs_real: "JS vs real",
    kl_noise_floor: "noise floor of KL vs real",
    kl_bigram_noise_floor: "noise floor of KL vs real (word pairs)",
    js_noise_floor: "noise floor of JS vs real",
    kl_m1_noise_floor: "noise floor of KL vs M1",
    token_budget: "token budget of the divergences",
    tirads_js: "EU-TIRADS category JS vs real",
    tirads_agreement: "EU-TIRADS agreement with the description",
    tirads_missing: "share without an EU-TIRADS category",
    tirads_rare_4: "share of EU-TIRADS 4",
    tirads_rare_5: "share of EU-TIRADS 5",
    perplexity_real: "perplexity on real held-out text",
    train_pairs: "training pairs",
    train_steps: "training steps",
    metrics_seed: "seed of the metrics' resampling",
  },
  ru: {
    samples: "образцов",
    unique_outputs: "доля уникальных ответов",
    mean_length: "средняя длина (слов)",
    median_length: "медианная длина (слов)",
    distinct_1: "разных слов (distinct-1)",
    distinct_2: "разных пар слов (distinct-2)",
    distinct_3: "разных троек слов (distinct-3)",
    tail_survival: "доля сохранившихся редких слов",
    self_bleu4: "самоподобие (self-BLEU-4)",
    kl_unigram_vs_real: "KL к реальным (слова)",
    kl_bigram_vs_real: "KL к реальным (пары слов)",
    kl_unigram_vs_m1: "KL к M1",
    js_unigram_vs_real: "JS к реальным",
    kl_noise_floor: "порог шума KL к реальным",
    kl_bigram_noise_floor: "порог шума KL к реальным (пары слов)",
    js_noise_floor: "порог шума JS к реальным",
    kl_m1_noise_floor: "порог шума KL к M1",
    token_budget: "бюджет токенов дивергенций",
    tirads_js: "JS категорий EU-TIRADS к реальным",
    tirads_agreement: "согласие EU-TIRADS с описанием",
    tirads_missing: "доля без категории EU-TIRADS",
    tirads_rare_4: "доля EU-TIRADS 4",
    tirads_rare_5: "доля EU-TIRADS 5",
    perplexity_real: "перплексия на реальных отложенных текстах",
    train_pairs: "обучающих пар",
    train_steps: "шагов обучения",
    metrics_seed: "сид пересэмплирования метрик",
  },
};

const DESIGNS: Record<LabelLanguage, Record<string, string>> = {
  en: {
    real: "real data",
    recursive: "recursive",
    cross: "cross",
    accumulate: "accumulate",
    "accumulate-subsample": "accumulate (subsample)",
    "real-fraction": "real-data fraction",
  },
  ru: {
    real: "реальные данные",
    recursive: "рекурсивная",
    cross: "перекрёстная",
    accumulate: "накопление",
    "accumulate-subsample": "накопление с подвыборкой",
    "real-fraction": "доля реальных данных",
  },
};

export function metricLabel(metric: string, lang: LabelLanguage = "en"): string {
  return METRICS[lang][metric] ?? metric;
}

/** A design's name; a real-fraction design keeps its fraction ("real-data fraction 0.5"). */
export function designLabel(design: string, lang: LabelLanguage = "en"): string {
  const at = design.indexOf("@");
  const base = at < 0 ? design : design.slice(0, at);
  const word = DESIGNS[lang][base] ?? base;
  return at < 0 ? word : `${word} ${design.slice(at + 1)}`;
}

/**
 * Where a series' training text came from: every design trains on its own model's text except
 * cross, whose generation k ≥ 2 learns from the other model's generation k − 1.
 */
export function lineageLabel(l: { design: string; model: string; seed: number | null; otherModel?: string | null }, lang: LabelLanguage = "en"): string {
  const seed = l.seed === null ? "" : lang === "ru" ? `, сид ${l.seed}` : `, seed ${l.seed}`;
  const writer = l.design === "cross" && l.otherModel ? (lang === "ru" ? ` (учится на текстах ${l.otherModel})` : ` (trained on ${l.otherModel}'s text)`) : "";
  return `${designLabel(l.design, lang)} · ${l.model}${writer}${seed}`;
}

/** What a single run's stored interval is, wherever it is drawn or exported: never an across-seed interval. */
export const SAMPLING_BAND: Record<LabelLanguage, string> = { en: "within one run: sampling only", ru: "внутри одного запуска: только выборка" };
export const SEEDS_BAND: Record<LabelLanguage, string> = { en: "95% interval across seeds", ru: "95% интервал по сидам" };

/**
 * The text a generation was trained on, as words: generation 1 on the real data; then its own
 * model's text, the other model's (cross), or both with real data (accumulate, real fraction).
 * Generation 0 is the real data itself: "".
 */
export function trainingTextOf(design: string, model: string, generation: number, models: readonly string[], lang: LabelLanguage = "en"): string {
  const real = lang === "ru" ? "реальные" : "real";
  if (generation <= 0 || design === "real") return "";
  if (generation === 1) return real;
  const other = models.find((m) => m !== model) ?? model;
  const base = design.split("@")[0];
  if (base === "cross") return other;
  if (base === "recursive") return model;
  if (base === "real-fraction") return `${real} ${design.split("@")[1] ?? ""} + ${model}`;
  return `${real} + ${model}`;
}
