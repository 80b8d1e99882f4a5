import type { Delimiter, ReportField } from "../../../shared/domain/imports";
export type { Delimiter, ReportField };

/** field → header name as it is in the file */
export type ColumnMapping = Partial<Record<ReportField, string>>;
/** What the user chose: a header, or null for "the file has no column for this field". */
export type ColumnChoice = Partial<Record<ReportField, string | null>>;
export type TableFormat = "csv" | "tsv" | "xlsx" | "json" | "jsonl";
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1251" | "koi8-r";

export type DetectedTable = {
  file: string;
  format: TableFormat;
  /** null for xlsx */
  encoding: DetectedEncoding | null;
  delimiter: Delimiter | null;
  headers: string[];
  mapping: ColumnMapping;
  /** required fields no column was found for (only with allowMissingColumns; else that throws) */
  missing: ReportField[];
  /** what was noticed and done about the file as a whole (e.g. a double-encoding repair) */
  warnings: string[];
};

export type TableRow = {
  /** 1-based data row (the header is not counted) */
  row: number;
  /** 1-based physical line where the row starts (xlsx: the sheet row) */
  line: number;
  values: Record<ReportField, string | null>;
  /** set by a reader that could not read the row faithfully (a lossy repair): checkRows makes it an error or a skipped row */
  problem?: string;
};

export type OpenTableOptions = {
  map?: ColumnChoice;
  format?: TableFormat;
  encoding?: string;
  /** CSV/TSV: use this delimiter instead of the sniffed one */
  delimiter?: Delimiter;
  /** a preview: report required fields without a column in `missing` instead of throwing */
  allowMissingColumns?: boolean;
  signal?: AbortSignal;
  onProgress?: (p: { bytesRead: number; totalBytes: number }) => void;
  /** skip bad rows (too long a field, a control character, a lossy repair): each is told here instead of failing the file */
  onBadRow?: (bad: { row: number; line: number; problem: string }) => void;
};
