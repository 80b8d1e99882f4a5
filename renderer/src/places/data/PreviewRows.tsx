import type { ImportPreviewRow } from "../../../../electron/shared/domain/imports";
import { useI18n } from "../../i18n/I18n";
import { fieldLabel } from "./importLabels";

/** The first rows of a file as they would be imported, with what the cleaning rules say of each. */
export function PreviewRows({ rows }: { rows: ImportPreviewRow[] }) {
  const { t } = useI18n();
  if (rows.length === 0) return null;
  const additional = rows.some((r) => r.values.additional !== null);
  return (
    <div className="table-scroll">
      <table className="table compact preview-rows" data-testid="preview-rows">
        <thead>
          <tr>
            <th className="num">{t("report.row")}</th>
            <th>{fieldLabel("sourceId", t)}</th>
            <th>{fieldLabel("description", t)}</th>
            {additional && <th>{fieldLabel("additional", t)}</th>}
            <th>{fieldLabel("conclusion", t)}</th>
            <th>{t("preview.remarks")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.row} data-row={r.row} className={r.excludedReason ? "excluded" : undefined}>
              <td className="num">{r.row}</td>
              <td>{r.values.sourceId ?? "—"}</td>
              <td>
                <div className="clamp">{r.values.description ?? "—"}</div>
              </td>
              {additional && (
                <td>
                  <div className="clamp">{r.values.additional ?? "—"}</div>
                </td>
              )}
              <td>
                <div className="clamp">{r.values.conclusion ?? "—"}</div>
              </td>
              <td>
                {r.excludedReason && <span className="chip warn">{t("preview.excluded", { reason: r.excludedReason })}</span>}
                {r.warnings.map((w, i) => (
                  <span key={i} className="chip" title={w.message}>
                    {w.code}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
