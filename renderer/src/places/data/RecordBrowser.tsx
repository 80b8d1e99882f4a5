import { useEffect, useState } from "react";
import { useApi, useCall } from "../../api/ApiContext";
import type { MessageKey } from "../../i18n/ru";
import { formatNumber, useI18n } from "../../i18n/I18n";
import { ErrorNote } from "../../components/ErrorNote";
import { HighlightedText } from "./HighlightedText";

const PAGE = 10;
const cats = (xs: (number | null)[]) => (xs.length ? xs.map((x) => x ?? "?").join(", ") : "—");

export function RecordBrowser({ datasetId }: { datasetId: number }) {
  const api = useApi();
  const { t, lang } = useI18n();
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [datasetId]);
  const page = useCall(() => api["records.list"]({ datasetId, offset, limit: PAGE }), [datasetId, offset]);
  const total = page.data?.total ?? 0;
  return (
    <div data-testid="record-browser">
      <div className="toolbar">
        <span className="hint">{t("records.legend")}</span>
        <span className="spacer" />
        <button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          {t("common.prev")}
        </button>
        <span className="page-info">
          {t("records.page", {
            from: formatNumber(lang, total ? offset + 1 : 0),
            to: formatNumber(lang, Math.min(total, offset + PAGE)),
            total: formatNumber(lang, total),
          })}
        </span>
        <button disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
          {t("common.next")}
        </button>
      </div>
      <ErrorNote error={page.error} />
      {page.data?.records.map((r) => (
        <article key={r.id} className="record" data-testid="record">
          <header>
            <b>{r.sourceId ?? `#${r.row}`}</b>
            <span className="chip">
              {t("records.split")}: {r.split ? t(`records.part.${r.split}` as MessageKey) : "—"}
            </span>
            <span className="chip">
              {t("records.labels")}: {cats(r.descriptionLabels)}
            </span>
            <span className="chip">
              {t("records.conclusionLabels")}: {cats(r.conclusionLabels)}
            </span>
            {r.excluded && <span className="chip warn">{r.excluded}</span>}
          </header>
          <h4>{t("records.description")}</h4>
          <HighlightedText
            text={r.description}
            labels={r.labelSpans.filter((s) => s.field === "description")}
            nodules={r.nodules}
            noduleTitle={(n) =>
              `${t("records.nodule", { n: n.index + 1 })}: EU-TIRADS ${cats(n.labels)}${n.lobe ? `, ${n.lobe}` : ""}${n.third ? `, ${n.third}` : ""}`
            }
          />
          <h4>{t("records.conclusion")}</h4>
          <HighlightedText text={r.conclusion} labels={r.labelSpans.filter((s) => s.field === "conclusion")} noduleTitle={() => ""} />
        </article>
      ))}
    </div>
  );
}
