import { useEffect, useRef, useState } from "react";
import type { StudyStatus, RunnerProgress, JobProgress } from "../../../../electron/shared/domain/jobs";
import { useApi, useLabEvents } from "../../api/ApiContext";

/** training job → its loss so far, [step, loss] */
export type LossCurves = Record<string, [number, number][]>;
export type LogLine = { at: string; jobKey: string; level: string; message: string };

const lastStep = (curve: [number, number][] | undefined) => curve?.[curve.length - 1]?.[0] ?? -1;

/**
 * The trainer's curve travels whole with each progress report and is stored with the job, so the
 * one reaching the furthest step wins (a poll may answer with an older one than the last event).
 */
function withCurve(curves: LossCurves, jobKey: string, progress: JobProgress | null): LossCurves {
  const curve = progress?.detail?.curve as [number, number][] | undefined;
  if (!Array.isArray(curve) || lastStep(curve) <= lastStep(curves[jobKey])) return curves;
  return { ...curves, [jobKey]: curve };
}

/**
 * A study's live state: the stored status (polled, so runs started by the CLI show too) plus
 * the runner's events (progress several times a second, the log, state changes).
 */
export function useStudyMonitor(studyId: number | null, onStateChange: () => void) {
  const api = useApi();
  const [status, setStatus] = useState<StudyStatus | null>(null);
  const [live, setLive] = useState<RunnerProgress | null>(null);
  const [curves, setCurves] = useState<LossCurves>({});
  const [log, setLog] = useState<LogLine[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const lastState = useRef<string | null>(null);

  useEffect(() => {
    setStatus(null);
    setLive(null);
    setCurves({});
    setLog([]);
  }, [studyId]);

  useEffect(() => {
    if (studyId === null) return;
    let alive = true;
    const poll = () =>
      api["studies.status"]({ id: studyId, logLines: 40 }).then(
        (s) => {
          if (!alive) return;
          if (lastState.current !== null && lastState.current !== s.state) onStateChange();
          lastState.current = s.state;
          setStatus(s);
          setError(null);
          if (s.current?.kind === "train") setCurves((c) => withCurve(c, s.current!.key, s.current!.progress));
          setLog((old) => (old.length > s.log.length ? old : s.log));
        },
        (e: unknown) => alive && setError(e),
      );
    void poll();
    const timer = setInterval(poll, 2000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api, studyId, tick]);

  useLabEvents((e) => {
    if (!("studyId" in e) || e.studyId !== studyId) return;
    if (e.type === "study.progress") {
      setLive(e.progress);
      if (e.progress.kind === "train") setCurves((c) => withCurve(c, e.progress.jobKey, e.progress));
    } else if (e.type === "study.log") {
      setLog((lines) => [...lines.slice(-300), { at: e.at, jobKey: e.jobKey, level: e.level, message: e.message }]);
    } else if (e.type === "study.state") {
      if (e.error) setLog((lines) => [...lines, { at: new Date().toISOString(), jobKey: "-", level: "error", message: e.error! }]);
      if (e.state !== "running") setLive(null);
      setTick((x) => x + 1);
      onStateChange();
    }
  });

  return { status, live, curves, log, error, refresh: () => setTick((x) => x + 1) };
}
