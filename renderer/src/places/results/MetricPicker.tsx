import { useI18n } from "../../i18n/I18n";
import { metricLabel } from "../../../../electron/shared/domain/metricLabels";

/** Which metrics get a curve: any of the study's metrics, the key ones at first. */
export function MetricPicker({ metrics, shown, onChange }: { metrics: string[]; shown: string[]; onChange: (shown: string[]) => void }) {
  const { t, lang } = useI18n();
  const toggle = (m: string) => onChange(shown.includes(m) ? shown.filter((x) => x !== m) : [...shown, m]);
  return (
    <fieldset data-testid="metric-picker">
      <legend>{t("results.curves")}</legend>
      <div className="checks">
        {metrics.map((m) => (
          <label key={m}>
            <input type="checkbox" checked={shown.includes(m)} onChange={() => toggle(m)} />
            {metricLabel(m, lang)}
          </label>
        ))}
      </div>
      <div className="actions">
        <button type="button" onClick={() => onChange(metrics)} disabled={shown.length === metrics.length}>
          {t("results.allCurves")}
        </button>
      </div>
    </fieldset>
  );
}
