import type { Series } from "../../../../electron/shared/charts/collapseSeries";
import type { MessageKey } from "../../i18n/ru";
import { generationsOf } from "../../../../electron/shared/export/metricTableHtml";
import { formatNumber, useI18n } from "../../i18n/I18n";

/** The paper's tables: one per metric, a row per model × design, a column per generation M0..Mk. */
export function MetricTables({ tables, noiseFloor }: { tables: { metric: string; series: Series[] }[]; noiseFloor: Record<string, number> }) {
  const { t, lang } = useI18n();
  return (
    <div data-testid="metric-tables">
      {tables.map(({ metric, series }) => {
        const gens = generationsOf(series);
        return (
          <div key={metric} className="table-scroll">
            <h3>{metric}{noiseFloor[metric] !== undefined ? ` (${t("results.noiseFloor")} ${formatNumber(lang, noiseFloor[metric], 4)})` : ""}</h3>
            <table className="table compact">
              <thead>
                <tr><th />{gens.map((g) => <th key={g} className="num">M{g}</th>)}</tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={`${s.model}-${s.design}`}>
                    <th scope="row">{s.model} · {t(`design.${s.design}` as MessageKey)}</th>
                    {gens.map((g) => {
                      const p = s.points.find((x) => x.generation === g);
                      return (
                        <td key={g} className="num" title={p && p.low !== null ? `${formatNumber(lang, p.low, 4)} … ${formatNumber(lang, p.high, 4)}` : undefined}>
                          {p ? formatNumber(lang, p.value, 4) : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </div>
  );
}
