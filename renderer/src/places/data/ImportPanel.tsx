import { useState } from "react";
import type { DragEvent, FormEvent } from "react";
import { MAX_UPLOAD_BYTES } from "../../../../electron/shared/api/contract";
import { useApi } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ProgressBar } from "../../components/ProgressBar";

/** A file to preview and import: a path on the computer running core, and the name to give the dataset. */
export type ImportSource = { path: string; name?: string };

/** The file's bytes as base64, read natively by the browser (no string building in script). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(",") + 1));
    reader.onerror = () => reject(reader.error ?? new Error(`cannot read ${file.name}`));
    reader.readAsDataURL(file);
  });
}

/**
 * Where an import starts: a path typed in, a file chosen in the file dialog, or one dropped on the
 * card. A chosen or dropped file has no path in a browser (and none the core could read on another
 * computer), so its bytes are uploaded into the workspace first; the preview then reads it by path.
 */
export function ImportPanel({ onSource }: { onSource: (s: ImportSource) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const [path, setPath] = useState("");
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) onSource({ path: path.trim() });
  };

  const upload = async (file: File) => {
    setError(null);
    if (file.size === 0) return setError(new Error(t("data.import.empty", { name: file.name })));
    if (file.size > MAX_UPLOAD_BYTES) return setError(new Error(t("data.import.tooLarge", { name: file.name })));
    setUploading(file.name);
    try {
      const stored = await api["datasets.upload"]({ fileName: file.name, base64: await readBase64(file) });
      onSource({ path: stored.path, name: stored.fileName });
    } catch (e) {
      setError(e);
    } finally {
      setUploading(null);
    }
  };

  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !uploading) void upload(file);
  };

  return (
    <form
      className={dragging ? "card drop-target dragging" : "card drop-target"}
      onSubmit={submit}
      onDragOver={(e) => (e.preventDefault(), setDragging(true))}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
      data-testid="import-panel"
    >
      <h2>{t("data.import.title")}</h2>
      <p className="hint">{t("data.import.hint")}</p>
      <label>
        {t("data.import.path")}
        <input
          type="text"
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={t("data.import.pathPlaceholder")}
          name="path"
          spellCheck={false}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={!path.trim() || uploading !== null}>
          {t("data.import.check")}
        </button>
        <label className={uploading ? "file-button disabled" : "file-button"}>
          {t("data.import.choose")}
          <input
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,.json,.jsonl"
            disabled={uploading !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) void upload(file);
            }}
            data-testid="import-file"
          />
        </label>
      </div>
      <p className="hint">{t("data.import.drop")}</p>
      {uploading && <ProgressBar fraction={null} label={t("data.import.uploading", { name: uploading })} />}
      <ErrorNote error={error} onClose={() => setError(null)} />
    </form>
  );
}
