import { ru, type MessageKey } from "./ru";
import { en } from "./en";

export type Language = "ru" | "en";
export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { ru, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A language's messages with their {name} placeholders filled in. */
export function translator(lang: Language): Translate {
  const dict = DICTIONARIES[lang];
  return (key, params) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}
