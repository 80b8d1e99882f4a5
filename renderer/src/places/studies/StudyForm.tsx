import { useEffect, useMemo, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { DESIGNS } from "../../../../electron/shared/domain/study";
import type { DatasetSummary, ModelSummary } from "../../../../electron/shared/domain/views";
import type { MessageKey } from "../../i18n/ru";
import { useI18n } from "../../i18n/I18n";
import { defaultForm, formToSpec, validateForm, type StudyFormState } from "./studyForm";
import type { StudySpecInput } from "../../../../electron/shared/domain/study";

type NumberField = { [K in keyof StudyFormState]: StudyFormState[K] extends number ? K : never }[keyof StudyFormState];

export function StudyForm({
  models,
  datasets,
  busy,
  onSubmit,
}: {
  models: ModelSummary[];
  datasets: DatasetSummary[];
  busy: boolean;
  onSubmit: (spec: StudySpecInput) => void;
}) {
  const { t } = useI18n();
  const names = useMemo(() => models.map((m) => m.name), [models]);
  const [form, setForm] = useState<StudyFormState>(() => defaultForm(names));
  const [touched, setTouched] = useState(false);
  useEffect(() => setForm((f) => (f.models.length ? f : { ...f, ...defaultForm(names), name: f.name })), [names]);
  const templated = useMemo(() => new Set(models.filter((m) => m.info.chatTemplate).map((m) => m.name)), [models]);
  const errors = validateForm(form, t, templated);
  const set = <K extends keyof StudyFormState>(k: K, v: StudyFormState[K]) => setForm((f) => ({ ...f, [k]: v }));
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const err = (k: keyof StudyFormState) =>
    (touched || k !== "name") && errors[k] ? (
      <p className="field-error" data-field={k}>
        {errors[k]}
      </p>
    ) : null;
  const num = (k: NumberField, label: MessageKey, step = "1", placeholder?: string): ReactNode => (
    <label>
      {t(label)}
      <input
        type="number"
        step={step}
        name={k}
        placeholder={placeholder}
        value={Number.isNaN(form[k]) ? "" : form[k]}
        onChange={(e) => set(k, e.target.value === "" ? NaN : Number(e.target.value))}
      />
      {err(k)}
    </label>
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(errors).length === 0) onSubmit(formToSpec(form));
  };

  return (
    <form className="card" onSubmit={submit} data-testid="study-form" noValidate>
      <h2>{t("studies.new")}</h2>
      {models.length === 0 && <p className="info-note">{t("studies.noModels")}</p>}
      <label>
        {t("studies.name")}
        <input type="text" name="name" value={form.name} onChange={(e) => set("name", e.target.value)} />
        {err("name")}
      </label>
      <label>
        {t("studies.dataset")}
        <select value={form.dataset ?? ""} onChange={(e) => set("dataset", e.target.value ? Number(e.target.value) : null)}>
          <option value="">{t("studies.datasetNewest")}</option>
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              #{d.id} {d.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t("studies.models")}</legend>
        <div className="checks">
          {names.map((m) => (
            <label key={m}>
              <input type="checkbox" checked={form.models.includes(m)} onChange={() => set("models", toggle(form.models, m))} />
              {m}
            </label>
          ))}
        </div>
        {err("models")}
      </fieldset>
      <fieldset>
        <legend>{t("studies.designs")}</legend>
        <div className="checks">
          {DESIGNS.map((d) => (
            <label key={d}>
              <input type="checkbox" checked={form.designs.includes(d)} onChange={() => set("designs", toggle(form.designs, d))} />
              {t(`design.${d}` as MessageKey)}
            </label>
          ))}
        </div>
        {err("designs")}
      </fieldset>
      <div className="row">
        {num("generations", "studies.generations")}
        <label>
          {t("studies.seeds")}
          <input type="text" name="seeds" value={form.seeds} onChange={(e) => set("seeds", e.target.value)} />
          {err("seeds")}
        </label>
      </div>
      <div className="row">
        {num("trainRecords", "studies.trainRecords")}
        {num("evalRecords", "studies.evalRecords")}
      </div>
      <fieldset>
        <legend>{t("studies.train")}</legend>
        <div className="row">
          {num("rank", "studies.rank")}
          {num("alpha", "studies.alpha")}
          {num("epochs", "studies.epochs")}
          {num("learningRate", "studies.lr", "0.0001")}
        </div>
        <div className="checks">
          <label>
            <input type="checkbox" name="packPairs" checked={form.packPairs} onChange={(e) => set("packPairs", e.target.checked)} />
            {t("studies.packPairs")}
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>{t("studies.generate")}</legend>
        <div className="row">
          {num("temperature", "studies.temperature", "0.1")}
          {num("maxTokens", "studies.maxTokens", "1", t("studies.maxTokensAuto"))}
          {num("sequences", "studies.sequences")}
        </div>
        <div className="row">
          {num("topP", "studies.topP", "0.01")}
          {num("topK", "studies.topK")}
          <label>
            {t("studies.cutOutputs")}
            <select name="cutOutputs" value={form.cutOutputs} onChange={(e) => set("cutOutputs", e.target.value as StudyFormState["cutOutputs"])}>
              <option value="exclude">{t("studies.cutExclude")}</option>
              <option value="keep">{t("studies.cutKeep")}</option>
            </select>
          </label>
        </div>
        <div className="row">
          <label>
            {t("studies.promptFormat")}
            <select name="promptFormat" value={form.promptFormat} onChange={(e) => set("promptFormat", e.target.value as StudyFormState["promptFormat"])}>
              <option value="plain">{t("studies.promptPlain")}</option>
              <option value="chat-template">{t("studies.promptChat")}</option>
            </select>
            {err("promptFormat")}
          </label>
        </div>
      </fieldset>
      <div className="actions">
        <button className="primary" type="submit" disabled={busy || models.length === 0}>
          {t("studies.create")}
        </button>
      </div>
    </form>
  );
}
