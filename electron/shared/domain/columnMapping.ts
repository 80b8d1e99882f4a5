import { REPORT_FIELDS, type ReportField } from "./imports";

/** --map "description=Текст,conclusion=Вывод" or a JSON object. */
export function parseMapOption(text: string): Partial<Record<ReportField, string>> {
  const fields = REPORT_FIELDS;
  const entries: [string, string][] = text.trim().startsWith("{")
    ? Object.entries(JSON.parse(text) as Record<string, string>)
    : text.split(",").map((pair) => {
        const at = pair.indexOf("=");
        if (at < 1) throw new Error(`--map: "${pair}" is not field=header`);
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      });
  const out: Partial<Record<ReportField, string>> = {};
  for (const [k, v] of entries) {
    const field = fields.find((f) => f.toLowerCase() === k.toLowerCase() || (k.toLowerCase() === "id" && f === "sourceId"));
    if (!field) throw new Error(`--map: unknown field "${k}"; fields are ${fields.join(", ")}`);
    if (typeof v !== "string" || !v) throw new Error(`--map: field "${k}" needs a header name`);
    out[field] = v;
  }
  return out;
}
