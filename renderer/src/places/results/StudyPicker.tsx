import type { StudySummary } from "../../../../electron/shared/domain/views";
import type { MessageKey } from "../../i18n/ru";
import { useApi, useCall } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";

/** The workspace's studies as a choice: the Results toolbar, and the way out of a study the place cannot show. */
export function StudyPicker({ studies, value, onChange }: { studies: readonly StudySummary[]; value: number | null; onChange: (id: number) => void }) {
  const { t } = useI18n();
  return (
    <label className="inline">
      {t("results.study")}
      <select value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))} data-testid="results-study">
        {/* nothing chosen yet (the way out of a failed study): any study, the failed one too, is a change */}
        {value === null && <option value="" disabled />}
        {studies.map((s) => (
          <option key={s.id} value={s.id}>
            #{s.id} {s.name} ({t(`state.${s.state}` as MessageKey)})
          </option>
        ))}
      </select>
    </label>
  );
}

/** Shown where the Results place failed to render: the list of studies, read afresh, so another one can be opened from here. */
export function StudyPickerAfresh({ onChange }: { onChange: (id: number) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const studies = useCall(() => api["studies.list"]({}), []);
  return (
    <div data-testid="place-recovery">
      <p className="hint">{t("place.pickAnother")}</p>
      <StudyPicker studies={studies.data ?? []} value={null} onChange={onChange} />
    </div>
  );
}
