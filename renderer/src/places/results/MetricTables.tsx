import type { Series } from "../../../../electron/shared/charts/collapseSeries";
import { designLabel, metricLabel, SAMPLING_BAND, SEEDS_BAND } from "../../../../electron/shared/domain/metricLabels";
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
            <h3>
              {metricLabel(metric, lang)}
              {noiseFloor[metric] !== undefined ? ` (${t("results.noiseFloor")} ${formatNumber(lang, noiseFloor[metric], 4)})` : ""}
            </h3>
            <table className="table compact">
              <thead>
                <tr>
                  <th />
                  {gens.map((g) => (
                    <th key={g} className="num">
                      M{g}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.map((s) => (
                  <tr key={`${s.model}-${s.design}`}>
                    <th scope="row">
                      {s.model} · {designLabel(s.design, lang)}
                      {s.design === "cross" ? ` (${t("results.trainedOn", { model: series.find((x) => x.model !== s.model)?.model ?? "" })})` : ""},{" "}
                      {t(Math.max(...s.points.map((p) => p.seeds)) === 1 ? "results.oneSeed" : "results.seeds", {
                        n: Math.max(...s.points.map((p) => p.seeds)),
                      })}
                    </th>
                    {gens.map((g) => {
                      const p = s.points.find((x) => x.generation === g);
                      return (
                        <td
                          key={g}
                          className="num"
                          title={
                            p && p.low !== null
                              ? `${formatNumber(lang, p.low, 4)} … ${formatNumber(lang, p.high, 4)} (${p.seeds > 1 ? SEEDS_BAND[lang] : SAMPLING_BAND[lang]})`
                              : undefined
                          }
                        >
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
