import type { GenerationSamples } from "../../../../electron/shared/domain/views";
import type { Series } from "../../../../electron/shared/charts/collapseSeries";
import { escapeHtml } from "../../../../electron/shared/text/escapeHtml";
import { metricTableHtml } from "../../../../electron/shared/export/metricTableHtml";
import { metricLabel, type LabelLanguage } from "../../../../electron/shared/domain/metricLabels";

export function samplesJsonl(studyId: number, generations: readonly GenerationSamples[]): string {
  return (
    generations
      .flatMap((g) =>
        g.samples.map((s) =>
          JSON.stringify({
            study: studyId,
            design: g.design,
            model: g.model,
            seed: g.seed,
            generation: g.generation,
            idx: s.idx,
            prompt: s.prompt,
            output: s.output,
          }),
        ),
      )
      .join("\n") + "\n"
  );
}

const esc = escapeHtml;

/** A self-contained report: charts as images, every metric as a table; no script, no remote content. */
export function htmlReport(args: {
  title: string;
  charts: { metric: string; png: string }[];
  tables: { metric: string; series: Series[] }[];
  lang?: LabelLanguage;
}): string {
  const lang = args.lang ?? "en";
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
    `<title>${esc(args.title)}</title>\n` +
    "<style>body{font:14px system-ui,sans-serif;margin:32px;color:#1f2933}table{border-collapse:collapse;margin:8px 0 24px}" +
    "td,th{border:1px solid #d9dee4;padding:4px 8px;text-align:right}th:first-child{text-align:left}" +
    "img{max-width:760px;display:block;margin:8px 0 24px}</style></head>\n" +
    `<body><h1>${esc(args.title)}</h1>` +
    args.charts.map((c) => `<img alt="${esc(c.metric)}" src="${c.png}">`).join("") +
    args.tables.map((t) => metricTableHtml(metricLabel(t.metric, lang), t.metric, t.series, lang)).join("") +
    "</body></html>\n"
  );
}

/** Saves text or a data URL through the browser's download (Electron asks where to save). */
export function download(fileName: string, content: string, type: string): void {
  const url = content.startsWith("data:") ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  if (!content.startsWith("data:")) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
