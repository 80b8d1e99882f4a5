import type { RawReport } from "../../../shared/domain/records";

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The corpus as the CSV export a hospital system writes (UTF-8, comma, RFC 4180 quoting). */
export function reportsToCsv(reports: readonly RawReport[]): string {
  const lines = ["id,Описание,Дополнительные данные,Заключение"];
  for (const r of reports) lines.push([r.sourceId ?? "", r.description, r.additional ?? "", r.conclusion].map(quote).join(","));
  return lines.join("\n") + "\n";
}
