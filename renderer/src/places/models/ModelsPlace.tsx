import { useState } from "react";
import type { FormEvent } from "react";
import { useApi, useCall, useLabEvents } from "../../api/ApiContext";
import { formatNumber, useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { ProgressBar } from "../../components/ProgressBar";
import { ModelTable } from "./ModelTable";

type Build = {
  model: string;
  stage: string;
  step: number | null;
  steps: number | null;
  loss: number | null;
  pretrainStage: { index: number; of: number } | null;
  etaSeconds: number | null;
};

export function ModelsPlace({ active }: { active: boolean }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const models = useCall(() => api["models.list"]({}), [active]);
  const backend = useCall(() => (active ? api["models.backend"]({}) : Promise.resolve(null)), [active]);
  const [path, setPath] = useState("");
  const [busy, setBusy] = useState<"add" | "build" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [build, setBuild] = useState<Build | null>(null);
  // one id per window: the build is one operation at a time, and Stop names it
  const [buildOp] = useState(() => `models-${Math.random().toString(36).slice(2, 10)}`);

  useLabEvents((e) => {
    if (e.type === "models.progress")
      setBuild({
        model: e.model,
        stage: e.stage,
        step: e.step,
        steps: e.steps,
        loss: e.loss,
        pretrainStage: e.pretrainStage ?? null,
        etaSeconds: e.etaSeconds ?? null,
      });
  });

  const act = async (kind: "add" | "build", call: () => Promise<unknown>) => {
    setBusy(kind);
    setError(null);
    try {
      await call();
      models.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      setBuild(null);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void act("add", () => api["models.add"]({ path: path.trim() }));
  };
  const b = backend.data;

  return (
    <div className="place" data-testid="place-models">
      <h1>{t("models.title")}</h1>
      <div className="columns">
        <div className="column narrow">
          <form className="card" onSubmit={add}>
            <h2>{t("models.add")}</h2>
            <label>
              {t("models.path")}
              <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/models/mistral-7b.Q4_K_M.gguf" spellCheck={false} />
            </label>
            <div className="actions">
              <button className="primary" type="submit" disabled={busy !== null || !path.trim()}>
                {t("models.addButton")}
              </button>
            </div>
          </form>
          <div className="card">
            <h2>{t("models.defaults")}</h2>
            <p className="hint">{t("models.defaultsHint")}</p>
            <div className="actions">
              <button
                disabled={busy !== null}
                onClick={() => void act("build", () => api["models.buildDefaults"]({ operationId: buildOp }))}
                data-testid="build-defaults"
              >
                {t("models.build")}
              </button>
            </div>
            {busy === "build" && (
              <ProgressBar
                fraction={build?.step != null && build.steps ? build.step / build.steps : null}
                label={
                  build
                    ? t("models.building", {
                        model: build.model,
                        stage: build.stage,
                        step: build.step ?? "…",
                        steps: build.steps ?? "…",
                        loss: formatNumber(lang, build.loss, 3),
                      }) +
                      (build.pretrainStage ? `; ${t("models.buildStage", build.pretrainStage)}` : "") +
                      (build.etaSeconds != null ? `; ${t("models.buildEta", { minutes: Math.max(1, Math.ceil(build.etaSeconds / 60)) })}` : "")
                    : t("common.loading")
                }
                onStop={() => void api["operations.cancel"]({ operationId: buildOp })}
              />
            )}
          </div>
          <div className="card">
            <h2>{t("models.backend")}</h2>
            <ErrorNote error={backend.error} />
            <p data-testid="backend">
              {b
                ? (b.gpu
                    ? t("models.backendGpu", { gpu: `${b.gpu} ${b.deviceNames.join(", ")}` })
                    : t("models.backendCpu", { reason: b.fallbackReason ?? "" })) + `; ${t(`models.binding.${b.build}`)}`
                : t("common.loading")}
            </p>
          </div>
        </div>
        <div className="column wide">
          <ErrorNote error={error} onClose={() => setError(null)} />
          <ErrorNote error={models.error} />
          <div className="card">
            {models.data && models.data.length > 0 ? <ModelTable models={models.data} /> : <p className="hint">{t("models.empty")}</p>}
          </div>
        </div>
      </div>
    </div>
  );
}
