import { useState } from "react";
import { useApi, useCall } from "./api/ApiContext";
import { useI18n, type Language } from "./i18n/I18n";
import type { MessageKey } from "./i18n/ru";
import { DataPlace } from "./places/data/DataPlace";
import { ModelsPlace } from "./places/models/ModelsPlace";
import { StudiesPlace } from "./places/studies/StudiesPlace";
import { ResultsPlace } from "./places/results/ResultsPlace";
import { PlaceBoundary } from "./components/PlaceBoundary";
import { StudyPickerAfresh } from "./places/results/StudyPicker";

export type Place = "data" | "models" | "studies" | "results";
const PLACES: Place[] = ["data", "models", "studies", "results"];

/** One window, four places; the navigation keeps every place mounted so long work keeps its progress. */
export function App({ transport }: { transport: "ipc" | "http" }) {
  const { t, lang, setLang } = useI18n();
  const api = useApi();
  const [place, setPlace] = useState<Place>("data");
  const [studyId, setStudyId] = useState<number | null>(null);
  const info = useCall(() => api["app.info"]({}), []);
  const openResults = (id: number) => {
    setStudyId(id);
    setPlace("results");
  };
  return (
    <div className="app">
      <nav className="sidebar" aria-label="places">
        <div className="brand">
          <div className="brand-name">{t("app.title")}</div>
          <div className="brand-sub">{t("app.subtitle")}</div>
        </div>
        {PLACES.map((p) => (
          <button
            key={p}
            className={p === place ? "nav-item active" : "nav-item"}
            onClick={() => setPlace(p)}
            data-place={p}
            aria-current={p === place ? "page" : undefined}
          >
            {t(`nav.${p}` as MessageKey)}
          </button>
        ))}
        <div className="sidebar-foot">
          <label className="lang">
            {t("app.language")}
            <select value={lang} onChange={(e) => setLang(e.target.value as Language)} aria-label={t("app.language")} data-testid="language">
              <option value="ru">Русский</option>
              <option value="en">English</option>
            </select>
          </label>
          {info.data && (
            <div className="workspace" title={info.data.dbPath}>
              {t("common.workspace")}: {info.data.workspaceDir}
              <br />v{info.data.version} · {transport === "ipc" ? "Electron" : "lab serve"}
            </div>
          )}
        </div>
      </nav>
      <main className="content">
        {/* each place has its own error boundary: one place that fails to render never blanks the window */}
        <section hidden={place !== "data"}>
          <PlaceBoundary place="data">
            <DataPlace />
          </PlaceBoundary>
        </section>
        <section hidden={place !== "models"}>
          <PlaceBoundary place="models">
            <ModelsPlace active={place === "models"} />
          </PlaceBoundary>
        </section>
        <section hidden={place !== "studies"}>
          <PlaceBoundary place="studies">
            <StudiesPlace active={place === "studies"} onOpenResults={openResults} />
          </PlaceBoundary>
        </section>
        <section hidden={place !== "results"}>
          <PlaceBoundary
            place="results"
            resetKey={studyId}
            onRestart={() => setStudyId(null)}
            recovery={(restart) => (
              <StudyPickerAfresh
                onChange={(id) => {
                  restart();
                  setStudyId(id);
                }}
              />
            )}
          >
            <ResultsPlace active={place === "results"} studyId={studyId} onSelectStudy={setStudyId} />
          </PlaceBoundary>
        </section>
      </main>
    </div>
  );
}
