import type { ExportFormat } from "../../../../electron/shared/api/contract";
import { useState } from "react";
import type { GenerationSamples, MetricPoint } from "../../../../electron/shared/domain/views";
import type { Series } from "../../../../electron/shared/charts/collapseSeries";
import { useApi } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { metricsCsv } from "../../../../electron/shared/export/metricsCsv";
import { ProgressBar } from "../../components/ProgressBar";
import { download, htmlReport, samplesJsonl } from "./exportFiles";

type Props = {
  studyId: number;
  title: string;
  points: MetricPoint[];
  samples: GenerationSamples[];
  tables: { metric: string; series: Series[] }[];
  charts: () => { metric: string; canvas: HTMLCanvasElement }[];
};

/** Exports made in the window (CSV, JSONL, HTML: saved through a download; a chart's PNG is on its card) and by core into a folder. */
export function ExportBar({ studyId, title, points, samples, tables, charts }: Props) {
  const api = useApi();
  const { t, lang } = useI18n();
  const [dir, setDir] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const base = `study-${studyId}`;
  const [running, setRunning] = useState<string | null>(null);
  const serverExport = async (formats?: ExportFormat[]) => {
    setError(null);
    setNote(null);
    const operationId = `export-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setRunning(operationId);
    try {
      const r = await api["results.export"]({ studyId, dir: dir.trim(), language: lang, ...(formats ? { formats } : {}), operationId });
      setNote(t("results.exported", { files: r.files.join(", ") }));
    } catch (e) {
      setError(e);
    } finally {
      setRunning(null);
    }
  };
  return (
    <div className="export-bar" data-testid="export-bar">
      <h3>{t("results.export")}</h3>
      <div className="actions">
        <button onClick={() => download(`${base}-metrics.csv`, metricsCsv(studyId, points), "text/csv")} data-testid="export-csv">
          {t("results.exportCsv")}
        </button>
        <button onClick={() => download(`${base}-samples.jsonl`, samplesJsonl(studyId, samples), "application/jsonl")}>{t("results.exportJsonl")}</button>
        <button
          onClick={() =>
            download(
              `${base}-report.html`,
              htmlReport({ title, charts: charts().map((c) => ({ metric: c.metric, png: c.canvas.toDataURL("image/png") })), tables, lang }),
              "text/html",
            )
          }
        >
          {t("results.exportHtml")}
        </button>
      </div>
      <div className="row">
        <label>
          {t("results.exportDir")}
          <input type="text" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/home/user/collapse-export" spellCheck={false} />
        </label>
      </div>
      <div className="actions">
        <button disabled={!dir.trim() || running !== null} onClick={() => void serverExport()} data-testid="export-server">
          {t("results.exportServer")}
        </button>
        <button disabled={!dir.trim() || running !== null} onClick={() => void serverExport(["pdf"])} data-testid="export-pdf">
          {t("results.exportPdf")}
        </button>
        {note && <span className="ok-note">{note}</span>}
      </div>
      {running && <ProgressBar fraction={null} label={t("common.loading")} onStop={() => void api["operations.cancel"]({ operationId: running })} />}
      <ErrorNote error={error} onClose={() => setError(null)} />
    </div>
  );
}
