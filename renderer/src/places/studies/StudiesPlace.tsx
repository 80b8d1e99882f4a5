import { useState } from "react";
import type { StudySpecInput } from "../../../../electron/shared/domain/study";
import type { MessageKey } from "../../i18n/ru";
import { useApi, useCall } from "../../api/ApiContext";
import { useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { StudyForm } from "./StudyForm";
import { StudyMonitor } from "./StudyMonitor";

export function StudiesPlace({ active, onOpenResults }: { active: boolean; onOpenResults: (id: number) => void }) {
  const api = useApi();
  const { t } = useI18n();
  const studies = useCall(() => api["studies.list"]({}), [active]);
  const models = useCall(() => api["models.list"]({}), [active]);
  const datasets = useCall(() => api["datasets.list"]({}), [active]);
  const [selected, setSelected] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const current = selected ?? studies.data?.[studies.data.length - 1]?.id ?? null;

  const create = async (spec: StudySpecInput) => {
    setBusy(true);
    setError(null);
    try {
      const { id } = await api["studies.create"]({ spec });
      setSelected(id);
      await api["studies.run"]({ id });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      studies.reload();
    }
  };

  return (
    <div className="place" data-testid="place-studies">
      <h1>{t("studies.title")}</h1>
      <div className="columns">
        <div className="column narrow">
          <StudyForm models={models.data ?? []} datasets={datasets.data ?? []} busy={busy} onSubmit={(s) => void create(s)} />
          <ErrorNote error={error} onClose={() => setError(null)} />
        </div>
        <div className="column wide">
          <div className="card">
            <h2>{t("studies.list")}</h2>
            {studies.data?.length === 0 && <p className="hint">{t("studies.empty")}</p>}
            <ul className="list" data-testid="study-list">
              {studies.data?.map((s) => (
                <li key={s.id}>
                  <button className={s.id === current ? "list-item active" : "list-item"} onClick={() => setSelected(s.id)}>
                    <span className="list-title">
                      #{s.id} {s.name}
                    </span>
                    <span className="list-meta">
                      {t(`state.${s.state}` as MessageKey)} · {s.createdAt.slice(0, 16).replace("T", " ")}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          {current !== null && <StudyMonitor key={current} studyId={current} onChanged={studies.reload} onOpenResults={onOpenResults} />}
        </div>
      </div>
    </div>
  );
}
