import { useMemo } from "react";
import { useApi, useCall } from "../../api/ApiContext";
import { formatNumber, useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ChartCanvas } from "../../components/ChartCanvas";
import { statsCharts } from "../../charts/statsCharts";

export function CorpusStatsView({ datasetId }: { datasetId: number }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const stats = useCall(() => api["datasets.stats"]({ datasetId }), [datasetId]);
  const s = stats.data;
  const charts = useMemo(
    () =>
      s
        ? statsCharts(s, {
            lengths: t("stats.lengths"),
            categories: t("stats.categories"),
            maxCategory: t("stats.maxCategory"),
            perRecord: t("stats.perRecord"),
          })
        : null,
    [s, t],
  );
  if (stats.loading && !s) return <p className="hint">{t("common.loading")}</p>;
  if (!s || !charts) return <ErrorNote error={stats.error} />;
  const n = (x: number, d = 0) => formatNumber(lang, x, d);
  return (
    <div data-testid="corpus-stats">
      <div className="counts">
        <div>
          <b>{n(s.records)}</b> {t("stats.records")}
        </div>
        <div>
          <b>{n(s.excluded)}</b> {t("stats.excluded")}
        </div>
        <div>
          <b>{n(s.nodules.total)}</b> {t("stats.nodules")}
        </div>
        <div>
          <b>{n(s.lengths.description.median, 1)}</b> {t("stats.lengths")}, {t("stats.median")}
        </div>
        <div>
          <b>+{n(100 * s.sentenceGrowth.growth, 1)} %</b> {t("stats.growth")}
        </div>
      </div>
      <div className="chart-grid">
        <figure>
          <figcaption>{t("stats.lengths")}</figcaption>
          <ChartCanvas config={charts.lengths} label={t("stats.lengths")} height={200} />
        </figure>
        <figure>
          <figcaption>{t("stats.categories")}</figcaption>
          <ChartCanvas config={charts.categories} label={t("stats.categories")} height={200} />
        </figure>
        <figure>
          <figcaption>{t("stats.maxCategory")}</figcaption>
          <ChartCanvas config={charts.maxCategory} label={t("stats.maxCategory")} height={200} />
        </figure>
        <figure>
          <figcaption>{t("stats.perRecord")}</figcaption>
          <ChartCanvas config={charts.perRecord} label={t("stats.perRecord")} height={200} />
        </figure>
      </div>
      <h3>{t("stats.bigrams")}</h3>
      <ol className="ngrams">
        {s.topBigrams.map((b) => (
          <li key={b.text}>
            <span>{b.text}</span> <span className="muted">{n(b.count)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
