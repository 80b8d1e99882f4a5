import { useState } from "react";
import type { ImportResult } from "../../../../electron/shared/api/contract";
import { useApi, useLabEvents } from "../../api/ApiContext";

/** Runs one import-like call, following its progress events by operation id; the window stays live. */
export function useImport(onImported: (r: ImportResult) => void) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ op: string; rows: number; fraction: number | null } | null>(null);

  useLabEvents((e) => {
    if (e.type === "import.progress" && e.operationId === progress?.op) {
      setProgress({ op: e.operationId, rows: e.rows, fraction: e.totalBytes ? e.bytesRead / e.totalBytes : null });
    }
  });

  const run = async (call: (operationId: string) => Promise<ImportResult>) => {
    const op = `op-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    setBusy(true);
    setError(null);
    setProgress({ op, rows: 0, fraction: null });
    try {
      onImported(await call(op));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  /** Stops the running call; the core leaves the store as it was and the call ends as "cancelled". */
  const stop = () => {
    if (progress) void api["operations.cancel"]({ operationId: progress.op });
  };
  return { busy, error, progress, run, stop, clearError: () => setError(null) };
}
