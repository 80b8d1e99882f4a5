import { useMemo, useState } from "react";
import type { GenerationSamples } from "../../../../electron/shared/domain/views";
import type { MessageKey } from "../../i18n/ru";
import { useI18n } from "../../i18n/I18n";

const chainOf = (g: GenerationSamples) => `${g.design}\u0000${g.model}\u0000${g.seed}`;

/** The same prompts answered by each generation of one chain, next to each other. */
export function SideBySide({ generations }: { generations: GenerationSamples[] }) {
  const { t } = useI18n();
  // one generation stands for each chain in the chooser
  const chains = useMemo(() => generations.filter((g, i) => generations.findIndex((x) => chainOf(x) === chainOf(g)) === i), [generations]);
  const [chain, setChain] = useState(0);
  const shown = chains[Math.min(chain, chains.length - 1)];
  const key = shown ? chainOf(shown) : undefined;
  const cols = generations.filter((g) => chainOf(g) === key).sort((a, b) => a.generation - b.generation);
  const rows = cols[0]?.samples.map((s) => s.idx) ?? [];
  if (!key) return <p className="hint">{t("results.empty")}</p>;
  return (
    <div data-testid="side-by-side">
      <select value={chain} onChange={(e) => setChain(Number(e.target.value))} aria-label={t("results.sideBySide")}>
        {chains.map((g, i) => (
          <option key={chainOf(g)} value={i}>
            {t(`design.${g.design}` as MessageKey)} · {g.model} · {t("results.seed", { seed: g.seed })}
          </option>
        ))}
      </select>
      <div className="samples-grid" style={{ gridTemplateColumns: `minmax(200px, 1.2fr) repeat(${cols.length}, minmax(160px, 1fr))` }}>
        <b>{t("results.prompt")}</b>
        {cols.map((c) => (
          <b key={c.generation}>M{c.generation}</b>
        ))}
        {rows.map((idx) => [
          <div key={`p${idx}`} className="sample-cell muted">
            {cols[0]!.samples.find((s) => s.idx === idx)?.prompt.slice(-280)}
          </div>,
          ...cols.map((c) => (
            <div key={`${c.generation}-${idx}`} className="sample-cell">
              {c.samples.find((s) => s.idx === idx)?.output ?? "—"}
            </div>
          )),
        ])}
      </div>
    </div>
  );
}
