import { useEffect, useRef, useState } from "react";
import type { StudyStatus, RunnerProgress } from "../../../../electron/shared/domain/jobs";
import { useApi, useLabEvents } from "../../api/ApiContext";

export type LossPoint = { job: string; step: number; loss: number };
export type LogLine = { at: string; jobKey: string; level: string; message: string };

/**
 * A study's live state: the stored status (polled, so runs started by the CLI show too) plus
 * the runner's events (progress several times a second, the log, state changes).
 */
export function useStudyMonitor(studyId: number | null, onStateChange: () => void) {
  const api = useApi();
  const [status, setStatus] = useState<StudyStatus | null>(null);
  const [live, setLive] = useState<RunnerProgress | null>(null);
  const [loss, setLoss] = useState<LossPoint[]>([]);
  const [log, setLog] = useState<LogLine[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const lastState = useRef<string | null>(null);

  useEffect(() => {
    setStatus(null);
    setLive(null);
    setLoss([]);
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
          setLog((old) => (old.length > s.log.length ? old : s.log.map((l) => ({ at: l.at, jobKey: l.job_key, level: l.level, message: l.message }))));
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
      const l = e.progress.detail?.loss;
      if (e.progress.kind === "train" && typeof l === "number") {
        setLoss((pts) => [...pts.slice(-2000), { job: e.progress.jobKey, step: pts.length, loss: l }]);
      }
    } else if (e.type === "study.log") {
      setLog((lines) => [...lines.slice(-300), { at: e.at, jobKey: e.jobKey, level: e.level, message: e.message }]);
    } else if (e.type === "study.state") {
      if (e.error) setLog((lines) => [...lines, { at: new Date().toISOString(), jobKey: "-", level: "error", message: e.error! }]);
      if (e.state !== "running") setLive(null);
      setTick((x) => x + 1);
      onStateChange();
    }
  });

  return { status, live, loss, log, error, refresh: () => setTick((x) => x + 1) };
}
