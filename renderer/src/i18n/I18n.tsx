import { createContext, useContext, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { translator, type Language, type Translate } from "./translate";

export type { Language, Translate };
const STORAGE_KEY = "collapse-lab.language";
type I18n = { lang: Language; setLang: (l: Language) => void; t: Translate };

const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === "en" || stored === "ru" ? stored : "ru";
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang: (l) => {
        localStorage.setItem(STORAGE_KEY, l);
        document.documentElement.lang = l;
        setLangState(l);
      },
      t: translator(lang),
    }),
    [lang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n outside I18nProvider");
  return i18n;
}

/** Numbers as the language writes them (1 234,5 in Russian). */
export function formatNumber(lang: Language, n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return n.toLocaleString(lang === "ru" ? "ru-RU" : "en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
