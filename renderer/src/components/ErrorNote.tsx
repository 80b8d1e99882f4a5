import { ApiError } from "../../../electron/shared/api/errors";
import type { MessageKey } from "../i18n/ru";
import { useI18n } from "../i18n/I18n";

/** An error as a sentence the user can act on: what kind of problem, then the core's own message. */
export function ErrorNote({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : "failed";
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-note" role="alert">
      <strong>{t(`error.${code}` as MessageKey)}.</strong> <span className="error-message">{message}</span>
      {onClose && (
        <button className="link" onClick={onClose} aria-label={t("common.close")}>
          ×
        </button>
      )}
    </div>
  );
}
