import type { DatasetSummary } from "../../../../electron/shared/domain/views";
import { formatNumber, useI18n } from "../../i18n/I18n";

export function DatasetList({ datasets, selected, onSelect }: { datasets: DatasetSummary[]; selected: number | null; onSelect: (id: number) => void }) {
  const { t, lang } = useI18n();
  if (datasets.length === 0) return <p className="hint">{t("datasets.empty")}</p>;
  return (
    <ul className="list" data-testid="dataset-list">
      {datasets.map((d) => (
        <li key={d.id}>
          <button className={d.id === selected ? "list-item active" : "list-item"} onClick={() => onSelect(d.id)}>
            <span className="list-title">
              #{d.id} {d.name}
            </span>
            <span className="list-meta">
              {t(d.kind === "synthetic" ? "datasets.kind.synthetic" : "datasets.kind.import")} · {formatNumber(lang, d.records)} {t("common.records")}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
