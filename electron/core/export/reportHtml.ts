import { escapeHtml as esc } from "../../shared/text/escapeHtml";
import { chartConfigSource } from "../../shared/charts/configSource";
import { metricTableHtml } from "../../shared/export/metricTableHtml";
import type { StudyExport } from "./loadStudyExport";
import { chartFileName, type StudyChart } from "./studyCharts";
import { sideBySide } from "./sideBySide";
import { panelHtml, untrainedHtml } from "./panelHtml";

/** The paper's two tables: KL of each generation against M1's text, and against the real data. */
export const PAPER_TABLES = [
  { metric: "kl_unigram_vs_m1", title: "KL divergence M1 → Mk (unigram)" },
  { metric: "kl_unigram_vs_real", title: "KL divergence vs the real data (unigram)" },
] as const;

/**
 * One HTML file that needs nothing else: chart.js inline, every chart config inline, a CSP that
 * forbids every fetch, so it opens the same offline, in any browser, years from now.
 */
export function reportHtml(study: StudyExport, charts: readonly StudyChart[], chartJs: string): string {
  const { experiment } = study;
  const title = `Study ${experiment.id}: ${experiment.name}`;
  const configs = `[${charts.map((c) => chartConfigSource(c.config)).join(",\n")}]`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">state ${esc(experiment.state)} · created ${esc(experiment.created_at)} · ${study.points.length} metric points · ${study.real.length} real records (every sample: samples.jsonl; every metric point: metrics.csv)</p>
${untrainedHtml(study.points)}
<h2>Clinical correctness on held-out prompts</h2>
${panelHtml(study.points)}
<h2>Collapse curves</h2>
${charts.length ? charts.map((c, i) => chartFigure(c.metric, i)).join("\n") : "<p>No metric points yet.</p>"}
<h2>The paper's tables</h2>
${PAPER_TABLES.map((t) => metricTableHtml(t.title, t.metric, charts.find((c) => c.metric === t.metric)?.series)).join("\n")}
<h2>All metrics</h2>
${charts.map((c) => metricTableHtml(c.metric, c.metric, c.series)).join("\n")}
<h2>One description across models and generations</h2>
${sideBySideHtml(study)}
<h2>Settings</h2>
<pre data-testid="settings">${esc(JSON.stringify(study.settings, null, 2))}</pre>
${experiment.spec_source.trim() ? `<h3>Study file</h3><pre>${esc(experiment.spec_source)}</pre>` : ""}
<h2>Versions</h2>
<pre data-testid="versions">${esc(JSON.stringify(study.versions, null, 2))}</pre>
<script>${inlineScript(chartJs)}</script>
<script>${drawCharts(configs)}</script>
</body></html>
`;
}

function chartFigure(metric: string, i: number): string {
  return `<figure class="chart"><div class="canvas-box"><canvas id="chart-${i}" data-metric="${esc(metric)}"></canvas></div>
<button type="button" data-png="${i}" data-file="${esc(chartFileName(metric))}">Download PNG</button></figure>`;
}

function sideBySideHtml(study: StudyExport): string {
  const view = sideBySide(study);
  if (!view) return "<p>No generated samples yet.</p>";
  return `<p>Record ${view.recordId}. Prompt:</p><pre>${esc(view.prompt)}</pre>
${view.real !== null ? `<p>The physician's conclusion (real):</p><pre>${esc(view.real)}</pre>` : ""}
<div class="scroll"><table class="side-by-side"><thead><tr><th></th>${view.generations.map((g) => `<th>M${g}</th>`).join("")}</tr></thead>
<tbody>${view.rows.map((r) => `<tr><th>${esc(r.label)}</th>${r.cells.map((c) => (c ? `<td class="text"><span class="who">${esc(c.model)}</span>${esc(c.output)}</td>` : "<td>—</td>")).join("")}</tr>`).join("\n")}</tbody></table></div>`;
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
