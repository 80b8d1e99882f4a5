import { escapeHtml as esc } from "../../shared/text/escapeHtml";
import { chartConfigSource } from "../../shared/charts/configSource";
import { metricTableHtml } from "../../shared/export/metricTableHtml";
import type { StudyExport } from "./loadStudyExport";
import { chartFileName, type StudyChart } from "./studyCharts";
import { sideBySide } from "./sideBySide";
import { panelHtml, untrainedHtml } from "./panelHtml";
import { metricLabel, SAMPLING_BAND, type LabelLanguage } from "../../shared/domain/metricLabels";
import { answerSentence, compareDesigns, defaultComparisons, sideLabel, type Comparison } from "../../shared/stats/compareDesigns";
import { comparisonTable } from "../../shared/stats/comparisonTable";
import { floorPoolTooSmall } from "../../shared/charts/noiseFloors";

/** The paper's two tables: KL of each generation against M1's text, and against the real data. */
export const PAPER_TABLES = [
  { metric: "kl_unigram_vs_m1", title: { en: "KL divergence M1 → Mk (unigram)", ru: "KL-дивергенция M1 → Mk (слова)" } },
  { metric: "kl_unigram_vs_real", title: { en: "KL divergence vs the real data (unigram)", ru: "KL-дивергенция к реальным данным (слова)" } },
] as const;

const WORDS = {
  en: {
    study: "Study",
    meta: (state: string, created: string, points: number, real: number) =>
      `state ${state} · created ${created} · ${points} metric points · ${real} real records (every sample: samples.jsonl; every metric point: metrics.csv)`,
    answer: "The answer",
    noAnswer: "No comparison yet: it needs two designs (or models) with metric points.",
    comparisons: "Comparisons across seeds",
    comparisonsIntro:
      "Paired by seed (designs of one seed share generation 1); per seed the metric at the last generation minus its noise floor, " +
      "and its slope over generations; across seeds the mean difference A − B with its 95% t-interval, the paired t-test, " +
      "the exact sign-flip test and Holm's correction across the metrics (docs/metrics.md). " +
      `The bands of the curves of a single seed are ${SAMPLING_BAND.en}.`,
    fewSeeds: (n: number) =>
      `With ${n} seed(s) the exact sign-flip test cannot reach p < 0.05 (its smallest p is 2/2ⁿ): the study needs at least 6 seeds for that.`,
    panel: "Clinical correctness on held-out prompts",
    curves: "Collapse curves",
    paper: "The paper's tables",
    all: "All metrics",
    side: "One description across models and generations",
    noSamples: "No generated samples yet.",
    record: (id: number | string) => `Record ${id}. Prompt:`,
    physician: "The physician's conclusion (real):",
    settings: "Settings",
    file: "Study file",
    versions: "Versions",
    noPoints: "No metric points yet.",
    png: "Download PNG",
    floorPool:
      "The real pool has fewer than twice a generation's texts: its noise floors vs real were drawn from half the pool each (metrics.csv: floor_sample_texts).",
  },
  ru: {
    study: "Исследование",
    meta: (state: string, created: string, points: number, real: number) =>
      `состояние ${state} · создано ${created} · точек метрик: ${points} · реальных записей: ${real} ` +
      "(все образцы: samples.jsonl; все точки метрик: metrics.csv)",
    answer: "Ответ",
    noAnswer: "Сравнения пока нет: нужны две схемы (или модели) с точками метрик.",
    comparisons: "Сравнения по сидам",
    comparisonsIntro:
      "Пары по сидам (схемы одного сида делят поколение 1); для каждого сида метрика последнего поколения минус её порог шума " +
      "и её наклон по поколениям; по сидам средняя разность A − B с 95% t-интервалом, парный t-тест, " +
      "точный тест перестановок знаков и поправка Холма по метрикам (docs/metrics.md). " +
      `Полосы кривых одного сида: ${SAMPLING_BAND.ru}.`,
    fewSeeds: (n: number) => `При ${n} сидах точный тест перестановок знаков не может дать p < 0,05 (наименьшее p равно 2/2ⁿ): нужно не меньше 6 сидов.`,
    panel: "Клиническая корректность на отложенных описаниях",
    curves: "Кривые коллапса",
    paper: "Таблицы статьи",
    all: "Все метрики",
    side: "Одно описание у разных моделей и поколений",
    noSamples: "Сгенерированных образцов пока нет.",
    record: (id: number | string) => `Запись ${id}. Запрос:`,
    physician: "Заключение врача (реальное):",
    settings: "Настройки",
    file: "Файл исследования",
    versions: "Версии",
    noPoints: "Точек метрик пока нет.",
    png: "Скачать PNG",
    floorPool:
      "Реальных текстов меньше, чем вдвое больше текстов поколения: пороги шума к реальным взяты по половине набора (metrics.csv: floor_sample_texts).",
  },
};

/** The study's default comparisons (defaultComparisons); one that cannot be made is left out. */
export function studyComparisons(study: StudyExport): Comparison[] {
  const out: Comparison[] = [];
  for (const [a, b] of defaultComparisons(study.points)) {
    try {
      out.push(compareDesigns(study.points, a, b));
    } catch {
      // a side without the default metrics (e.g. a study still running): nothing to say yet
    }
  }
  return out;
}

/**
 * One HTML file that needs nothing else: chart.js inline, every chart config inline, a CSP that
 * forbids every fetch, so it opens the same offline, in any browser, years from now.
 */
export function reportHtml(study: StudyExport, charts: readonly StudyChart[], chartJs: string, lang: LabelLanguage = "en"): string {
  const { experiment } = study;
  const w = WORDS[lang];
  const title = `${w.study} ${experiment.id}: ${experiment.name}`;
  const comparisons = studyComparisons(study);
  const headlines = comparisons.map((c) => {
    const row = c.rows.find((r) => r.summary === "last");
    return row ? answerSentence(c, row, lang) : "";
  });
  const configs = `[${charts.map((c) => chartConfigSource(c.config)).join(",\n")}]`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">${esc(w.meta(experiment.state, experiment.created_at, study.points.length, study.real.length))}</p>
${untrainedHtml(study.points)}
<section data-testid="answer"><h2>${w.answer}</h2>
${
  headlines.filter(Boolean).length
    ? `<ul>${headlines
        .filter(Boolean)
        .map((h) => `<li>${esc(h)}</li>`)
        .join("")}</ul>`
    : `<p>${w.noAnswer}</p>`
}</section>
<h2>${w.panel}</h2>
${panelHtml(study.points)}
<h2>${w.curves}</h2>
${floorPoolTooSmall(study.points) ? `<p class="caveat">${esc(w.floorPool)}</p>` : ""}
${charts.length ? charts.map((c, i) => chartFigure(c.metric, i, w.png)).join("\n") : `<p>${w.noPoints}</p>`}
<h2>${w.comparisons}</h2>
<section data-testid="comparisons"><p>${esc(w.comparisonsIntro)}</p>
${comparisons.map((c) => comparisonHtml(c, lang)).join("\n")}</section>
<h2>${w.paper}</h2>
${PAPER_TABLES.map((t) => metricTableHtml(t.title[lang], t.metric, charts.find((c) => c.metric === t.metric)?.series, lang)).join("\n")}
<h2>${w.all}</h2>
${charts.map((c) => metricTableHtml(metricLabel(c.metric, lang), c.metric, c.series, lang)).join("\n")}
<h2>${w.side}</h2>
${sideBySideHtml(study, lang)}
<h2>${w.settings}</h2>
<pre data-testid="settings">${esc(JSON.stringify(study.settings, null, 2))}</pre>
${experiment.spec_source.trim() ? `<h3>${w.file}</h3><pre>${esc(experiment.spec_source)}</pre>` : ""}
<h2>${w.versions}</h2>
<pre data-testid="versions">${esc(JSON.stringify(study.versions, null, 2))}</pre>
<script>${inlineScript(chartJs)}</script>
<script>${drawCharts(configs)}</script>
</body></html>
`;
}

function chartFigure(metric: string, i: number, png: string): string {
  return `<figure class="chart"><div class="canvas-box"><canvas id="chart-${i}" data-metric="${esc(metric)}"></canvas></div>
<button type="button" data-png="${i}" data-file="${esc(chartFileName(metric))}">${png}</button></figure>`;
}

function comparisonHtml(c: Comparison, lang: LabelLanguage): string {
  const table = comparisonTable(c, lang);
  return (
    `<h3>A = ${esc(sideLabel(c.a))}, B = ${esc(sideLabel(c.b))} · M${c.generation} · ${lang === "ru" ? "сиды" : "seeds"} ${esc(c.seeds.join(", "))}</h3>
${c.exactCanReach05 ? "" : `<p class="caveat">${esc(WORDS[lang].fewSeeds(c.seeds.length))}</p>`}
<table class="comparison"><thead><tr>${table.header.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead>
<tbody>` +
    table.rows.map((r) => `<tr>${r.map((cell, j) => (j === 0 ? `<th>${esc(cell)}</th>` : `<td>${esc(cell)}</td>`)).join("")}</tr>`).join("\n") +
    "</tbody></table>"
  );
}

function sideBySideHtml(study: StudyExport, lang: LabelLanguage): string {
  const w = WORDS[lang];
  const view = sideBySide(study);
  if (!view) return `<p>${w.noSamples}</p>`;
  return (
    `<p>${esc(w.record(view.recordId))}</p><pre>${esc(view.prompt)}</pre>
${view.real !== null ? `<p>${w.physician}</p><pre>${esc(view.real)}</pre>` : ""}
<div class="scroll"><table class="side-by-side"><thead><tr><th></th>${view.generations.map((g) => `<th>M${g}</th>`).join("")}</tr></thead>
<tbody>` +
    view.rows
      .map(
        (r) =>
          `<tr><th>${esc(r.label)}</th>` +
          r.cells.map((c) => (c ? `<td class="text"><span class="who">${esc(c.model)}</span>${esc(c.output)}</td>` : "<td>—</td>")).join("") +
          "</tr>",
      )
      .join("\n") +
    "</tbody></table></div>"
  );
}

/** Inline scripts end at the first "</script"; chart.js's licence header URLs are kept as plain text. */
function inlineScript(source: string): string {
  return source.replace(/<\/script/gi, "<\\/script").replace(/^(\s*\*\s*)https?:\/\//gm, "$1");
}

function drawCharts(configs: string): string {
  return `(function () {
  var configs = ${configs};
  var charts = configs.map(function (config, i) { return new Chart(document.getElementById("chart-" + i), config); });
  document.querySelectorAll("button[data-png]").forEach(function (button) {
    button.addEventListener("click", function () {
      var a = document.createElement("a");
      a.href = charts[Number(button.dataset.png)].toBase64Image("image/png");
      a.download = button.dataset.file;
      document.body.append(a);
      a.click();
      a.remove();
    });
  });
})();`;
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:32px;color:#1f2933;max-width:1200px}
h2{margin-top:40px;border-bottom:1px solid #d9dee4}
.meta{color:#52606d}
.warning{color:#9b1c1c;font-weight:600;border-left:4px solid #9b1c1c;padding-left:8px}
tr.reference th,tr.reference td{background:#f5f7fa}
figure.chart{margin:16px 0 24px}
.canvas-box{position:relative;height:360px;max-width:900px}
table{border-collapse:collapse;margin:8px 0 24px}
td,th{border:1px solid #d9dee4;padding:4px 8px;text-align:right;vertical-align:top}
th:first-child{text-align:left}
td.text{text-align:left;white-space:pre-wrap;min-width:200px;max-width:360px}
.scroll{overflow-x:auto}
.who{display:block;font-size:12px;color:#52606d;margin-bottom:4px}
pre{background:#f5f7fa;padding:12px;overflow-x:auto;white-space:pre-wrap}
@media print{body{margin:0;max-width:none}button{display:none}figure.chart,table{break-inside:avoid}.scroll{overflow:visible}}`;
