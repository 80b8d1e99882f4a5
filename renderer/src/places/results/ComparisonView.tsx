import { useMemo, useState } from "react";
import type { MetricPoint } from "../../../../electron/shared/domain/views";
import { defaultComparisons, parseSide, sideLabel } from "../../../../electron/shared/stats/compareDesigns";
import { comparisonTable } from "../../../../electron/shared/stats/comparisonTable";
import { designLabel } from "../../../../electron/shared/domain/metricLabels";
import { useApi, useCall } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";

/** Two sides of the study (design:model) compared across seeds, with the answer sentences (docs/metrics.md, "Comparing designs"). */
export function ComparisonView({ studyId, points }: { studyId: number; points: MetricPoint[] }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const sides = useMemo(() => [...new Set(points.filter((p) => p.generation >= 1 && p.seed !== null).map((p) => `${p.design}:${p.model}`))].sort(), [points]);
  const first = useMemo(() => defaultComparisons(points)[0], [points]);
  const [a, setA] = useState<string | null>(null);
  const [b, setB] = useState<string | null>(null);
  const sideA = a ?? (first ? sideLabel(first[0]) : sides[0]) ?? null;
  const sideB = b ?? (first ? sideLabel(first[1]) : sides[1]) ?? null;
  const result = useCall(
    () =>
      sideA && sideB && sideA !== sideB ? api["results.compare"]({ studyId, a: parseSide(sideA), b: parseSide(sideB), language: lang }) : Promise.resolve(null),
    [studyId, sideA, sideB, lang, points.length],
  );
  if (sides.length < 2) return null;
  const c = result.data;
  const table = c ? comparisonTable(c, lang) : null;
  const option = (s: string) => {
    const side = parseSide(s);
    return (
      <option key={s} value={s}>
        {designLabel(side.design, lang)} · {side.model}
      </option>
    );
  };
  return (
    <div className="card" data-testid="comparison">
      <h2>{t("compare.title")}</h2>
      <div className="toolbar">
        <label className="inline">
          {t("compare.a")}
          <select value={sideA ?? ""} onChange={(e) => setA(e.target.value)} data-testid="compare-a">
            {sides.map(option)}
          </select>
        </label>
        <label className="inline">
          {t("compare.b")}
          <select value={sideB ?? ""} onChange={(e) => setB(e.target.value)} data-testid="compare-b">
            {sides.map(option)}
          </select>
        </label>
      </div>
      <ErrorNote error={result.error} />
      {c && table && (
        <>
          <h3>{t("compare.sentences")}</h3>
          <ul data-testid="compare-sentences">
            {c.sentences
              .filter((_, i) => c.rows[i]!.summary === "last")
              .map((s) => (
                <li key={s}>{s}</li>
              ))}
          </ul>
          <p className="hint">{t("compare.paired", { seeds: c.seeds.join(", "), generation: c.generation })}</p>
          {!c.exactCanReach05 && (
            <p className="hint" data-testid="compare-few-seeds">
              {t("compare.fewSeeds", { n: c.seeds.length })}
            </p>
          )}
          <div className="table-scroll">
            <table className="table compact" data-testid="compare-table">
              <thead>
                <tr>
                  {table.header.map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((cell, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={j} className="num">
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
