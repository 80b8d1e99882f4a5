import { useI18n } from "../i18n/I18n";

/** A determinate bar (fraction 0..1) or an indeterminate one (fraction null); with onStop, a Stop button beside it. */
export function ProgressBar({ fraction, label, onStop }: { fraction: number | null; label?: string; onStop?: () => void }) {
  const pct = fraction === null ? null : Math.max(0, Math.min(100, Math.round(fraction * 100)));
  const bar = (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} aria-label={label}>
      <div className={pct === null ? "progress-fill indeterminate" : "progress-fill"} style={pct === null ? undefined : { width: `${pct}%` }} />
      {label && <span className="progress-label">{label}</span>}
    </div>
  );
  return onStop ? <StoppableBar bar={bar} onStop={onStop} /> : bar;
}

function StoppableBar({ bar, onStop }: { bar: React.ReactNode; onStop: () => void }) {
  const { t } = useI18n();
  return (
    <div className="progress-row">
      {bar}
      <button className="danger" onClick={onStop} data-testid="progress-stop">
        {t("common.stop")}
      </button>
    </div>
  );
}
