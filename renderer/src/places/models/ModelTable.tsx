import type { ModelSummary } from "../../../../electron/shared/domain/views";
import type { ModelInfo } from "../../../../electron/shared/domain/models";
import type { MessageKey } from "../../i18n/ru";
import type { ChatTemplateFamily } from "../../../../electron/shared/domain/chatTemplateFamily";
import { vocabularyKind } from "../../../../electron/shared/domain/vocabularyKind";
import { formatNumber, useI18n, type Language, type Translate } from "../../i18n/I18n";

const mib = (lang: Language, n: number) => `${formatNumber(lang, n / 2 ** 20, 1)} MiB`;

/** "yes (Llama 3)", "no": whether the GGUF carries a chat template, and its format */
function chatTemplateText(family: ChatTemplateFamily | null, t: Translate): string {
  if (!family) return t("models.chatTemplate.no");
  return t("models.chatTemplate.yes", { family: family === "custom" ? t("models.chatTemplate.custom") : family });
}

type Figures = Pick<ModelSummary, "memory" | "chatTemplateFamily">;

const FACTS: [MessageKey, (i: ModelInfo, lang: Language, m: Figures, t: Translate) => string][] = [
  ["models.fact.architecture", (i) => i.architecture],
  ["models.fact.parameters", (i, l) => formatNumber(l, i.parameters)],
  ["models.fact.layers", (i, l) => formatNumber(l, i.layers)],
  ["models.fact.heads", (i) => `${i.heads ?? "—"} / ${i.kvHeads ?? "—"}${i.gqaRatio && i.gqaRatio > 1 ? ` (GQA ${i.gqaRatio}:1)` : ""}`],
  ["models.fact.window", (i, l) => (i.slidingWindow ? formatNumber(l, i.slidingWindow) : "—")],
  ["models.fact.rope", (i, l) => formatNumber(l, i.ropeFreqBase)],
  ["models.fact.vocab", (i, l) => `${vocabularyKind(i.vocabularyType) ?? "—"} ${formatNumber(l, i.vocabularySize)}`],
  ["models.fact.quant", (i) => i.quantization],
  ["models.fact.context", (i, l) => formatNumber(l, i.contextLength)],
  ["models.fact.size", (i, l) => mib(l, i.fileSize)],
  // a study can prompt this model through it (the study form's prompt format "chat-template")
  ["models.fact.chatTemplate", (_i, _l, m, t) => chatTemplateText(m.chatTemplateFamily, t)],
  // docs/memory.md: a study with the default settings, estimated from the header before anything is loaded
  ["models.fact.memoryTraining", (_i, l, m) => mib(l, m.memory.trainingBytes)],
  ["models.fact.memoryGeneration", (_i, l, m) => mib(l, m.memory.generationBytes)],
];
const MEMORY_FACTS: MessageKey[] = ["models.fact.memoryTraining", "models.fact.memoryGeneration"];

/** Registered models side by side: the architecture facts the paper's argument rests on. */
export function ModelTable({ models }: { models: ModelSummary[] }) {
  const { t, lang } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table facts-table" data-testid="model-table">
        <thead>
          <tr>
            <th />
            {models.map((m) => (
              <th key={m.id} title={m.path}>
                {m.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FACTS.map(([key, fact]) => (
            <tr key={key}>
              <th scope="row" title={MEMORY_FACTS.includes(key) ? t("models.fact.memoryNote") : undefined}>
                {t(key)}
              </th>
              {models.map((m) => (
                <td key={m.id}>{fact(m.info, lang, m, t)}</td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">{t("models.fact.origin")}</th>
            {models.map((m) => (
              <td key={m.id} className="muted">
                {t(`models.origin.${m.origin}` as MessageKey)}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
