import type { Delimiter, ReportField } from "../../../../electron/shared/domain/imports";
import type { Translate } from "../../i18n/I18n";
import type { MessageKey } from "../../i18n/ru";

const DELIMITER_KEY: Record<Delimiter, MessageKey> = { ",": "delimiter.comma", ";": "delimiter.semicolon", "\t": "delimiter.tab" };

/** "; (semicolon)", or just the word for a tab, which has no visible sign. */
export function delimiterLabel(d: string | null, t: Translate): string {
  if (d === null) return "—";
  const key = DELIMITER_KEY[d as Delimiter];
  if (!key) return JSON.stringify(d);
  return d === "\t" ? t(key) : `${d} (${t(key)})`;
}

export function fieldLabel(field: ReportField | string, t: Translate): string {
  return t(`field.${field}` as MessageKey);
}
