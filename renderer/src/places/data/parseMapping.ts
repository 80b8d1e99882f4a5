const FIELDS = ["sourceId", "description", "additional", "conclusion"] as const;
type Field = (typeof FIELDS)[number];

/** "description=Описание, conclusion=Заключение" → mapping; undefined when empty, null when malformed. */
export function parseMapping(text: string): Partial<Record<Field, string>> | undefined | null {
  if (!text.trim()) return undefined;
  const out: Partial<Record<Field, string>> = {};
  for (const part of text.split(",")) {
    const [key, ...rest] = part.split("=");
    const field = key?.trim() as Field;
    const column = rest.join("=").trim();
    if (!FIELDS.includes(field) || !column) return null;
    out[field] = column;
  }
  return out;
}
