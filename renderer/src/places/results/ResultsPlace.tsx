import { useEffect, useMemo, useRef, useState } from "react";
import { useApi, useCall, useLabEvents } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { collapseSeries, metricsOf } from "../../../../electron/shared/charts/collapseSeries";
import { collapseChart } from "../../../../electron/shared/charts/collapseChart";
import { opaqueBackground } from "../../../../electron/shared/charts/opaqueBackground";
import { floorPoolTooSmall, isNoiseFloorMetric } from "../../../../electron/shared/charts/noiseFloors";
import { designLabel, metricLabel, SAMPLING_BAND, SEEDS_BAND } from "../../../../electron/shared/domain/metricLabels";
import { CollapseChartCard } from "./CollapseChartCard";
import { MetricPicker } from "./MetricPicker";
import { MetricTables } from "./MetricTables";
import { SideBySide } from "./SideBySide";
import { ExportBar } from "./ExportBar";
import { ClinicalPanel } from "./ClinicalPanel";
import { untrainedGenerationOnes } from "../../../../electron/shared/export/clinicalPanelTable";
import { ComparisonView } from "./ComparisonView";
import { StudyPicker } from "./StudyPicker";

// competence on held-out prompts beside the collapse curves: what a generation can still do
const KEY_METRICS = ["kl_unigram_vs_real", "distinct_3", "perplexity_real", "unique_outputs", "chrf@heldout", "category_consistency@heldout"];

export function ResultsPlace({ active, studyId, onSelectStudy }: { active: boolean; studyId: number | null; onSelectStudy: (id: number) => void }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const studies = useCall(() => api["studies.list"]({}), [active]);
  const current = studyId ?? studies.data?.[studies.data.length - 1]?.id ?? null;
  const [tick, setTick] = useState(0);
  const metrics = useCall(() => (current === null ? Promise.resolve(null) : api["results.metrics"]({ studyId: current })), [current, active, tick]);
  const samples = useCall(() => (current === null ? Promise.resolve([]) : api["results.samples"]({ studyId: current, limit: 6 })), [current, active, tick]);
  const canvases = useRef(new Map<string, HTMLCanvasElement>());
  const [picked, setPicked] = useState<string[] | null>(null);
  useLabEvents((e) => e.type === "study.state" && e.studyId === current && setTick((x) => x + 1));
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((x) => x + 1), 10_000);
    return () => clearInterval(timer);
  }, [active]);

  const m = metrics.data;
  const all = useMemo(() => (m ? metricsOf(m.points) : []), [m]);
  const tables = useMemo(() => (m ? all.map((metric) => ({ metric, series: collapseSeries(m.points, metric) })) : []), [m, all]);
  // the noise floor is a line on the KL charts, not a curve of its own
  const chartable = useMemo(() => tables.filter((x) => !isNoiseFloorMetric(x.metric) && x.series.length > 0).map((x) => x.metric), [tables]);
  const shown = useMemo(() => picked ?? chartable.filter((x) => KEY_METRICS.includes(x)), [picked, chartable]);
  const labels = useMemo(
    () => ({
      generation: t("results.generation"),
      noiseFloor: t("results.noiseFloor"),
      design: (d: string) => designLabel(d, lang),
      metric: (x: string) => metricLabel(x, lang),
      bands: { sampling: SAMPLING_BAND[lang], seeds: SEEDS_BAND[lang] },
      lineage: {
        seeds: (n: number) => t(n === 1 ? "results.oneSeed" : "results.seeds", { n }),
        trainedOn: (model: string) => t("results.trainedOn", { model }),
      },
    }),
    [t, lang],
  );
  const charts = useMemo(
    () =>
      tables
        .filter((x) => shown.includes(x.metric))
        // opaque like core's chart files, so a PNG saved from the window is not black in some viewers
        .map((x) => ({ metric: x.metric, config: { ...collapseChart(x.series, x.metric, labels, m?.noiseFloor[x.metric]), plugins: [opaqueBackground] } })),
    [tables, labels, m, shown],
  );
  const studyName = studies.data?.find((s) => s.id === current)?.name ?? "";
  const untrained = useMemo(() => (m ? untrainedGenerationOnes(m.points) : []), [m]);

  return (
    <div className="place" data-testid="place-results">
      <h1>{t("results.title")}</h1>
      <div className="card">
        <div className="toolbar">
          <StudyPicker studies={studies.data ?? []} value={current} onChange={onSelectStudy} />
          <span className="spacer" />
          <button onClick={() => setTick((x) => x + 1)}>{t("common.refresh")}</button>
        </div>
        <ErrorNote error={metrics.error ?? studies.error} />
        {chartable.length > 0 && <MetricPicker metrics={chartable} shown={shown} onChange={setPicked} />}
        {m?.notes.map((n) => (
          <p key={n} className="hint">
            {n}
          </p>
        ))}
        {untrained.map((u) => (
          <p key={`${u.model}-${u.seed}`} className="field-error" data-testid="untrained-note">
            {t("results.untrained", { model: u.seed === null ? u.model : `${u.model} (${t("results.seed", { seed: u.seed })})` })}
          </p>
        ))}
        {m && floorPoolTooSmall(m.points) && (
          <p className="hint" data-testid="floor-pool-note">
            {t("results.floorPoolShort")}
          </p>
        )}
      </div>
      {m && <ClinicalPanel points={m.points} />}
      {m && m.points.length === 0 && (
        <div className="card">
          <p className="hint">{t("results.empty")}</p>
        </div>
      )}
      {charts.length > 0 && (
        <div className="chart-grid wide-charts" data-testid="collapse-charts">
          {charts.map((c) => (
            <CollapseChartCard
              key={c.metric}
              metric={c.metric}
              config={c.config}
              fileName={`study-${current}-${c.metric}.png`}
              canvasRef={(el) => (el ? canvases.current.set(c.metric, el) : canvases.current.delete(c.metric))}
            />
          ))}
        </div>
      )}
      {current !== null && m && m.points.length > 0 && <ComparisonView studyId={current} points={m.points} />}
      {tables.length > 0 && (
        <div className="card">
          <h2>{t("results.tables")}</h2>
          <MetricTables tables={tables} noiseFloor={m?.noiseFloor ?? {}} />
        </div>
      )}
      {(samples.data?.length ?? 0) > 0 && (
        <div className="card">
          <h2>{t("results.sideBySide")}</h2>
          <SideBySide generations={samples.data ?? []} />
        </div>
      )}
      {current !== null && m && m.points.length > 0 && (
        <div className="card">
          <ExportBar
            studyId={current}
            title={studyName}
            points={m.points}
            samples={samples.data ?? []}
            tables={tables}
            charts={() => [...canvases.current].map(([metric, c]) => ({ metric, canvas: c }))}
          />
        </div>
      )}
    </div>
  );
}
