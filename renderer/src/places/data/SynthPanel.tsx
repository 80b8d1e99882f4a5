import { useState } from "react";
import type { ImportResult } from "../../../../electron/shared/api/contract";
import { useApi } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ProgressBar } from "../../components/ProgressBar";
import { useImport } from "./useImport";

export function SynthPanel({ onImported }: { onImported: (r: ImportResult) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const [records, setRecords] = useState(7286);
  const [seed, setSeed] = useState(42);
  const imp = useImport(onImported);
  return (
    <div className="card">
      <h2>{t("data.synth.title")}</h2>
      <p className="hint">{t("data.synth.hint")}</p>
      <div className="row">
        <label>
          {t("data.synth.records")}
          <input type="number" min={10} max={200000} value={records} onChange={(e) => setRecords(Number(e.target.value))} />
        </label>
        <label>
          {t("data.synth.seed")}
          <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
      </div>
      <div className="actions">
        <button
          disabled={imp.busy}
          onClick={() => void imp.run((operationId) => api["datasets.synth"]({ records, seed, operationId }))}
          data-testid="synth-button"
        >
          {t("data.synth.button")}
        </button>
      </div>
      {imp.progress && <ProgressBar fraction={imp.progress.fraction} label={t("data.import.running", { rows: imp.progress.rows })} onStop={imp.stop} />}
      <ErrorNote error={imp.error} onClose={imp.clearError} />
    </div>
  );
}
