import { useMemo, useState } from "react";
import { useApi } from "../../api/ApiContext";
import { formatNumber, useI18n, type Translate } from "../../i18n/I18n";
import type { MessageKey } from "../../i18n/ru";
import { ErrorNote } from "../../components/ErrorNote";
import { ProgressBar } from "../../components/ProgressBar";
import { ChartCanvas } from "../../components/ChartCanvas";
import { lossChart } from "../../charts/lossChart";
import { useStudyMonitor } from "./useStudyMonitor";

function duration(s: number, t: Translate): string {
  if (s >= 3600) return t("time.hm", { h: Math.floor(s / 3600), m: Math.round((s % 3600) / 60) });
  if (s >= 60) return t("time.ms", { m: Math.floor(s / 60), s: Math.round(s % 60) });
  return t("time.s", { s: Math.round(s) });
}

export function StudyMonitor({ studyId, onChanged, onOpenResults }: { studyId: number; onChanged: () => void; onOpenResults: (id: number) => void }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const m = useStudyMonitor(studyId, onChanged);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const chart = useMemo(() => lossChart(m.curves, { title: t("studies.loss"), step: t("studies.step"), loss: t("studies.lossAxis") }), [m.curves, t]);
  const lossPoints = Object.values(m.curves).reduce((n, c) => n + c.length, 0);
  const s = m.status;
  const act = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      m.refresh();
      onChanged();
    }
  };
  if (!s)
    return (
      <div className="card">
        <ErrorNote error={m.error} />
        {!m.error && <p className="hint">{t("common.loading")}</p>}
      </div>
    );
  const running = s.state === "running";
  const done = s.jobs.done;
  const p =
    m.live ??
    (s.current
      ? {
          jobKey: s.current.key,
          kind: s.current.kind,
          fraction: s.current.fraction,
          phase: s.current.progress?.phase ?? "…",
          tokensPerSecond: s.current.progress?.tokensPerSecond,
          etaSeconds: s.current.progress?.etaSeconds,
          jobsDone: done,
          jobsTotal: s.jobsTotal,
        }
      : null);
  return (
    <div className="card" data-testid="study-monitor">
      <div className="card-head">
        <h2>
          #{s.id} {s.name}
        </h2>
        <span className={`state state-${s.state}`} data-testid="study-state" data-state={s.state}>
          {t(`state.${s.state}` as MessageKey)}
        </span>
      </div>
      <p className="hint">{t("studies.jobs", { done, total: s.jobsTotal })}</p>
      <ProgressBar fraction={s.jobsTotal ? (done + (running && p ? p.fraction : 0)) / s.jobsTotal : 0} />
      {running && p && (
        <div className="live" data-testid="study-live">
          <p>
            <b>{t("studies.phase")}:</b> {p.jobKey} — {p.phase} {Math.round(100 * p.fraction)}%
            {p.tokensPerSecond ? ` · ${t("studies.speed", { tps: formatNumber(lang, p.tokensPerSecond) })}` : ""}
            {p.etaSeconds != null ? ` · ${t("studies.eta", { eta: duration(p.etaSeconds, t) })}` : ""}
          </p>
          <ProgressBar fraction={p.fraction} />
        </div>
      )}
      <div className="actions">
        {running ? (
          <button className="danger" disabled={busy} onClick={() => void act(() => api["studies.cancel"]({ id: studyId }))} data-testid="study-cancel">
            {t("studies.cancel")}
          </button>
        ) : s.state === "planned" ? (
          <button className="primary" disabled={busy} onClick={() => void act(() => api["studies.run"]({ id: studyId }))}>
            {t("studies.run")}
          </button>
        ) : s.state !== "done" ? (
          <button className="primary" disabled={busy} onClick={() => void act(() => api["studies.resume"]({ id: studyId }))} data-testid="study-resume">
            {t("studies.resume")}
          </button>
        ) : null}
        <button onClick={() => onOpenResults(studyId)} data-testid="open-results">
          {t("nav.results")} →
        </button>
      </div>
      <ErrorNote error={error} onClose={() => setError(null)} />
      {lossPoints > 1 && (
        <figure data-testid="loss-chart">
          <figcaption>{t("studies.loss")}</figcaption>
          <ChartCanvas config={chart} label={t("studies.loss")} height={180} />
        </figure>
      )}
      <h3>{t("studies.log")}</h3>
      <div className="log" data-testid="study-log">
        {m.log.map((l, i) => (
          <div key={i} className={l.level}>
            {l.at.slice(11, 19)} {l.jobKey}: {l.message}
          </div>
        ))}
      </div>
    </div>
  );
}
