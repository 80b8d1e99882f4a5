import type { ImportResult } from "../../../../electron/shared/api/contract";
import { formatNumber, useI18n } from "../../i18n/I18n";
import { delimiterLabel, fieldLabel } from "./importLabels";

export function ImportReportView({ report: r, onClose }: { report: ImportResult; onClose: () => void }) {
  const { t, lang } = useI18n();
  const n = (x: number) => formatNumber(lang, x);
  return (
    <div className="card report" data-testid="import-report">
      <div className="card-head">
        <h2>{t("report.title")}</h2>
        <button className="link" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
      <p className={r.status === "imported" ? "ok-note" : "info-note"}>
        {r.status === "imported" ? t("report.imported", { id: r.datasetId, s: formatNumber(lang, r.seconds, 2) }) : t("report.already", { id: r.datasetId })}
      </p>
      <p className="file-path">{r.file}</p>
      <dl className="facts">
        <dt>{t("report.format")}</dt>
        <dd data-testid="report-format">{r.detected.format}</dd>
        <dt>{t("report.encoding")}</dt>
        <dd data-testid="report-encoding">{r.detected.encoding ?? "—"}</dd>
        <dt>{t("report.delimiter")}</dt>
        <dd data-testid="report-delimiter">{delimiterLabel(r.detected.delimiter, t)}</dd>
        <dt>{t("report.mapping")}</dt>
        <dd data-testid="report-mapping">
          {Object.entries(r.detected.mapping).map(([field, column]) => (
            <span key={field} className="mapping">
              {fieldLabel(field, t)} ← «{column}»
            </span>
          ))}
        </dd>
      </dl>
      <div className="counts">
        <div>
          <b>{n(r.rowsRead)}</b> {t("report.rows")}
        </div>
        <div>
          <b>{n(r.rowsImported)}</b> {t("report.imported.rows")}
        </div>
        <div>
          <b>{n(r.rowsExcluded)}</b> {t("report.excluded")}
        </div>
        <div>
          <b>{n(r.duplicates)}</b> {t("report.duplicates")}
        </div>
        <div>
          <b>{n(r.nodules)}</b> {t("report.nodules")}
        </div>
        {r.split && (
          <div>
            <b>
              {n(r.split.counts.train ?? 0)} / {n(r.split.counts.val ?? 0)} / {n(r.split.counts.test ?? 0)}
            </b>{" "}
            {t("report.split", { seed: r.split.seed })}
          </div>
        )}
      </div>
      {(r.skippedRows?.length ?? 0) > 0 && (
        <div className="warnings" data-testid="report-skipped">
          <h3>{t("report.skipped", { n: n(r.skippedRows!.length) })}</h3>
          <div className="warnings-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t("report.row")}</th>
                  <th>{t("report.line")}</th>
                  <th>{t("report.message")}</th>
                </tr>
              </thead>
              <tbody>
                {r.skippedRows!.map((x) => (
                  <tr key={x.row}>
                    <td>{x.row}</td>
                    <td>{x.line}</td>
                    <td>{x.problem}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {r.detected.notes.length > 0 && (
        <div className="notes">
          <h3>{t("report.notes")}</h3>
          <ul>
            {r.detected.notes.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      )}
      {r.warningCount > 0 && (
        <div className="warnings" data-testid="report-warnings">
          <h3>{t("report.warnings", { n: n(r.warningCount) })}</h3>
          <p className="chips">
            {Object.entries(r.warningsByCode).map(([code, count]) => (
              <span key={code} className="chip">
                {code}: {n(count)}
              </span>
            ))}
          </p>
          <div className="warnings-scroll">
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t("report.row")}</th>
                  <th>{t("report.line")}</th>
                  <th>{t("report.code")}</th>
                  <th>{t("report.message")}</th>
                </tr>
              </thead>
              <tbody>
                {r.firstWarnings.map((w, i) => (
                  <tr key={i}>
                    <td>{w.row ?? "—"}</td>
                    <td>{w.line ?? "—"}</td>
                    <td>
                      <code>{w.code}</code>
                    </td>
                    <td>{w.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {r.warningCount > r.firstWarnings.length && <p className="hint">{t("report.more", { n: n(r.warningCount) })}</p>}
        </div>
      )}
    </div>
  );
}
