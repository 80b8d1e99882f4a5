import { useState } from "react";
import type { DragEvent, FormEvent } from "react";
import type { ImportResult } from "../../../../electron/shared/api/contract";
import { ENCODINGS } from "../../../../electron/shared/api/contract";
import { useApi } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ProgressBar } from "../../components/ProgressBar";
import { useImport } from "./useImport";
import { parseMapping } from "./parseMapping";

type Encoding = (typeof ENCODINGS)[number];

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function ImportPanel({ onImported }: { onImported: (r: ImportResult) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const [path, setPath] = useState("");
  const [encoding, setEncoding] = useState<Encoding | "">("");
  const [mapText, setMapText] = useState("");
  const [dragging, setDragging] = useState(false);
  const [mapError, setMapError] = useState(false);
  const imp = useImport(onImported);

  const options = () => {
    const map = parseMapping(mapText);
    if (map === null) {
      setMapError(true);
      return null;
    }
    setMapError(false);
    return { ...(map ? { map } : {}), ...(encoding ? { encoding } : {}) };
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const o = options();
    if (o && path.trim()) void imp.run((operationId) => api["datasets.import"]({ path: path.trim(), operationId, ...o }));
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    const o = options();
    if (file && o) void imp.run(async (operationId) => api["datasets.importBytes"]({ fileName: file.name, base64: await toBase64(file), operationId, ...o }));
  };

  return (
    <form className={dragging ? "card drop-target dragging" : "card drop-target"} onSubmit={submit} onDragOver={(e) => (e.preventDefault(), setDragging(true))} onDragLeave={() => setDragging(false)} onDrop={drop} data-testid="import-panel">
      <h2>{t("data.import.title")}</h2>
      <p className="hint">{t("data.import.hint")}</p>
      <label>
        {t("data.import.path")}
        <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder={t("data.import.pathPlaceholder")} name="path" spellCheck={false} />
      </label>
      <div className="row">
        <label>
          {t("data.import.encoding")}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as Encoding | "")}>
            <option value="">{t("data.import.encodingAuto")}</option>
            {ENCODINGS.map((x) => (
              <option key={x} value={x}>{x}</option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t("data.import.map")}
        <input type="text" value={mapText} onChange={(e) => setMapText(e.target.value)} placeholder={t("data.import.mapHint")} spellCheck={false} />
      </label>
      {mapError && <p className="field-error">{t("data.import.mapInvalid")}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={imp.busy || !path.trim()}>
          {t("data.import.button")}
        </button>
        <span className="hint">{t("data.import.drop")}</span>
      </div>
      {imp.progress && <ProgressBar fraction={imp.progress.fraction} label={t("data.import.running", { rows: imp.progress.rows })} />}
      <ErrorNote error={imp.error} onClose={imp.clearError} />
    </form>
  );
}
