import { ru, type MessageKey } from "./ru";
import { en } from "./en";

export type Language = "ru" | "en";
export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { ru, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A readable label for a key built from data that the messages lack (a new design, a metric id,
 * an error code): "design.real-fraction@0.25" reads as the message of "design.real-fraction"
 * followed by "0.25"; anything else as the key's data part. A missing message must never take
 * the window down.
 */
function fallbackLabel(dict: Record<string, string>, key: string): string {
  const dot = key.indexOf(".");
  const data = dot < 0 ? key : key.slice(dot + 1);
  const at = key.indexOf("@");
  const base = at > dot ? dict[key.slice(0, at)] : undefined;
  return base !== undefined ? `${base} ${key.slice(at + 1)}` : data;
}

/** A language's messages with their {name} placeholders filled in. */
export function translator(lang: Language): Translate {
  const dict: Record<string, string> = DICTIONARIES[lang];
  return (key, params) => (dict[key] ?? fallbackLabel(dict, String(key))).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}
