import { useState } from "react";
import type { ImportResult } from "../../../../electron/shared/api/contract";
import { ENCODINGS } from "../../../../electron/shared/api/contract";
import { DELIMITERS, REPORT_FIELDS, type Delimiter, type ImportPreview, type ReportField } from "../../../../electron/shared/domain/imports";
import { useApi, useCall } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ProgressBar } from "../../components/ProgressBar";
import type { ImportSource } from "./ImportPanel";
import { PreviewRows } from "./PreviewRows";
import { delimiterLabel, fieldLabel } from "./importLabels";
import { useImport } from "./useImport";

type Encoding = (typeof ENCODINGS)[number];
/** What the user changed; anything left out is detected. A field mapped to null has no column. */
type Settings = { encoding?: Encoding; delimiter?: Delimiter; map?: Partial<Record<ReportField, string | null>> };

const NO_COLUMN = "";

/**
 * The detected settings of a file, each one a control that re-reads the preview when changed.
 * Another encoding or delimiter gives other headers, so it starts the columns from detection again.
 */
function SettingsForm({ preview, settings, onChange }: { preview: ImportPreview | null; settings: Settings; onChange: (s: Settings) => void }) {
  const { t } = useI18n();
  const d = preview?.detected;
  const delimited = !d || d.format === "csv" || d.format === "tsv";
  return (
    <>
      <div className="row">
        <label>
          {t("report.encoding")}
          <select
            value={settings.encoding ?? ""}
            onChange={(e) => onChange({ ...settings, encoding: (e.target.value || undefined) as Encoding | undefined, map: undefined })}
            data-testid="preview-encoding"
            disabled={d?.format === "xlsx"}
          >
            <option value="">{t("preview.auto", { value: d?.encoding ?? "…" })}</option>
            {ENCODINGS.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("report.delimiter")}
          <select
            value={settings.delimiter ?? ""}
            onChange={(e) => onChange({ ...settings, delimiter: (e.target.value || undefined) as Delimiter | undefined, map: undefined })}
            data-testid="preview-delimiter"
            disabled={!delimited}
          >
            <option value="">{t("preview.auto", { value: delimiterLabel(d?.delimiter ?? null, t) })}</option>
            {DELIMITERS.map((x) => (
              <option key={x} value={x}>
                {delimiterLabel(x, t)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h3>{t("preview.columns")}</h3>
      <div className="row">
        {REPORT_FIELDS.map((field) => (
          <label key={field}>
            {fieldLabel(field, t)}
            <select
              value={d?.mapping[field] ?? NO_COLUMN}
              onChange={(e) => onChange({ ...settings, map: { ...settings.map, [field]: e.target.value === NO_COLUMN ? null : e.target.value } })}
              data-testid={`preview-map-${field}`}
              disabled={!d}
            >
              <option value={NO_COLUMN}>{t("preview.noColumn")}</option>
              {d?.headers.map((h, i) => (
                <option key={i} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </>
  );
}

/**
 * Step two of an import: what the file would give with the detected settings, correctable before
 * anything is stored; Import then commits with exactly the settings shown.
 */
export function ImportPreviewView({ source, onImported, onClose }: { source: ImportSource; onImported: (r: ImportResult) => void; onClose: () => void }) {
  const api = useApi();
  const { t } = useI18n();
  const [settings, setSettings] = useState<Settings>({});
  const preview = useCall(() => api["datasets.preview"]({ path: source.path, ...settings }), [api, source.path, settings]);
  const imp = useImport(onImported);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const p = preview.data;
  // a bad row in the first rows need not stop an import that skips bad rows
  const ready = p !== null && !preview.loading && (p.problem === null || skipBadRows) && p.detected.missing.length === 0;

  return (
    <div className="card" data-testid="import-preview" aria-busy={preview.loading}>
      <div className="card-head">
        <h2>{t("preview.title")}</h2>
        <button className="link" onClick={onClose} disabled={imp.busy}>
          {t("common.close")}
        </button>
      </div>
      <p className="file-path">{source.name ?? source.path}</p>
      <p className="hint">{t("preview.hint")}</p>
      <SettingsForm preview={p} settings={settings} onChange={setSettings} />
      <ErrorNote error={preview.error} />
      {p && (
        <>
          {p.detected.missing.length > 0 && (
            <p className="field-error" data-testid="preview-missing">
              {t("preview.missing", { fields: p.detected.missing.map((f) => fieldLabel(f, t)).join(", ") })}
            </p>
          )}
          {p.problem && (
            <div className="error-note" role="alert" data-testid="preview-problem">
              <strong>{t("preview.problem")}:</strong> <span className="error-message">{p.problem}</span>
            </div>
          )}
          {p.alreadyImported && (
            <p className="info-note" data-testid="preview-already">
              {t("preview.already", { id: p.alreadyImported.datasetId })}
            </p>
          )}
          {p.detected.notes.length > 0 && (
            <ul className="hint">
              {p.detected.notes.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          )}
          <PreviewRows rows={p.rows} />
        </>
      )}
      <div className="actions">
        <label className="inline">
          <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} data-testid="preview-skip-bad-rows" />
          {t("preview.skipBadRows")}
        </label>
        <button
          className="primary"
          disabled={!ready || imp.busy}
          onClick={() =>
            void imp.run((operationId) =>
              api["datasets.import"]({ path: source.path, ...settings, ...(source.name ? { name: source.name } : {}), skipBadRows, operationId }),
            )
          }
          data-testid="preview-import"
        >
          {t("preview.import")}
        </button>
      </div>
      {imp.progress && <ProgressBar fraction={imp.progress.fraction} label={t("data.import.running", { rows: imp.progress.rows })} onStop={imp.stop} />}
      <ErrorNote error={imp.error} onClose={imp.clearError} />
    </div>
  );
}
