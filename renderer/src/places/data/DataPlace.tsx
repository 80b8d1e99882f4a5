import { useState } from "react";
import type { ImportResult } from "../../../../electron/shared/api/contract";
import { useApi, useCall } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ImportPanel, type ImportSource } from "./ImportPanel";
import { ImportPreviewView } from "./ImportPreviewView";
import { SynthPanel } from "./SynthPanel";
import { ImportReportView } from "./ImportReportView";
import { DatasetList } from "./DatasetList";
import { RecordBrowser } from "./RecordBrowser";
import { CorpusStatsView } from "./CorpusStatsView";

type Tab = "records" | "stats";

export function DataPlace() {
  const api = useApi();
  const { t } = useI18n();
  const datasets = useCall(() => api["datasets.list"]({}), []);
  const [selected, setSelected] = useState<number | null>(null);
  const [source, setSource] = useState<ImportSource | null>(null);
  const [report, setReport] = useState<ImportResult | null>(null);
  const [tab, setTab] = useState<Tab>("records");
  const current = selected ?? datasets.data?.[datasets.data.length - 1]?.id ?? null;

  const onSource = (s: ImportSource) => {
    setReport(null);
    setSource(s);
  };

  const onImported = (r: ImportResult) => {
    setSource(null);
    setReport(r);
    setSelected(r.datasetId);
    datasets.reload();
  };

  return (
    <div className="place" data-testid="place-data">
      <h1>{t("nav.data")}</h1>
      <div className="columns">
        <div className="column narrow">
          <ImportPanel onSource={onSource} />
          <SynthPanel onImported={onImported} />
          <div className="card">
            <h2>{t("datasets.title")}</h2>
            <ErrorNote error={datasets.error} />
            <DatasetList datasets={datasets.data ?? []} selected={current} onSelect={setSelected} />
          </div>
        </div>
        <div className="column wide">
          {source && <ImportPreviewView key={source.path} source={source} onImported={onImported} onClose={() => setSource(null)} />}
          {report && <ImportReportView report={report} onClose={() => setReport(null)} />}
          {current !== null && (
            <div className="card">
              <div className="tabs" role="tablist">
                <button role="tab" aria-selected={tab === "records"} className={tab === "records" ? "tab active" : "tab"} onClick={() => setTab("records")}>
                  {t("records.title")}
                </button>
                <button role="tab" aria-selected={tab === "stats"} className={tab === "stats" ? "tab active" : "tab"} onClick={() => setTab("stats")}>
                  {t("stats.title")}
                </button>
              </div>
              {tab === "records" ? <RecordBrowser datasetId={current} /> : <CorpusStatsView datasetId={current} />}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
