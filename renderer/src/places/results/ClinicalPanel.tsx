import { useMemo } from "react";
import type { MetricPoint } from "../../../../electron/shared/domain/views";
import { PANEL_METRICS } from "../../../../electron/shared/domain/clinicalPanel";
import { panelRows, type PanelRow } from "../../../../electron/shared/export/clinicalPanelTable";
import type { MessageKey } from "../../i18n/ru";
import { formatNumber, useI18n } from "../../i18n/I18n";

/** The clinical-correctness panel on held-out prompts: the physicians and the trivial baselines first, then every generation. */
export function ClinicalPanel({ points }: { points: readonly MetricPoint[] }) {
  const { t, lang } = useI18n();
  const rows = useMemo(() => panelRows(points), [points]);
  if (rows.length === 0) return null;
  const label = (r: PanelRow) =>
    r.kind === "physicians"
      ? t("results.physicians")
      : r.kind === "generation"
        ? `${r.model} · ${t(`design.${r.design}` as MessageKey)} · M${r.generation}`
        : t(`results.${r.kind}` as MessageKey);
  return (
    <div className="card" data-testid="clinical-panel">
      <h2>{t("results.panel")}</h2>
      <p className="hint">{t("results.panelHint")}</p>
      <div className="table-scroll">
        <table className="table compact">
          <thead>
            <tr>
              <th />
              {PANEL_METRICS.map((m) => (
                <th key={m} className="num">
                  {t(`panel.${m}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.model}-${r.design}-${r.generation}`} className={r.kind === "generation" ? undefined : "reference"}>
                <th scope="row">{label(r)}</th>
                {PANEL_METRICS.map((m) => {
                  const c = r.cells[m];
                  const digits = m === "chrf" ? 1 : 2;
                  return (
                    <td
                      key={m}
                      className="num"
                      title={c && c.low !== null ? `${formatNumber(lang, c.low, digits + 1)} … ${formatNumber(lang, c.high, digits + 1)}` : undefined}
                    >
                      {c ? formatNumber(lang, c.value, digits) : "—"}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
