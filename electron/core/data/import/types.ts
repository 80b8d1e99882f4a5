export type ReportField = "sourceId" | "description" | "additional" | "conclusion";
/** field → header name as it is in the file */
export type ColumnMapping = Partial<Record<ReportField, string>>;
export type TableFormat = "csv" | "tsv" | "xlsx" | "json" | "jsonl";
export type DetectedEncoding = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be" | "windows-1251" | "koi8-r";

export type DetectedTable = {
  file: string;
  format: TableFormat;
  /** null for xlsx */
  encoding: DetectedEncoding | null;
  delimiter: "," | ";" | "\t" | null;
  headers: string[];
  mapping: ColumnMapping;
  /** what was noticed and done about the file as a whole (e.g. a double-encoding repair) */
  warnings: string[];
};

export type TableRow = {
  /** 1-based data row (the header is not counted) */
  row: number;
  /** 1-based physical line where the row starts (xlsx: the sheet row) */
  line: number;
  values: Record<ReportField, string | null>;
};

export type OpenTableOptions = {
  map?: ColumnMapping;
  format?: TableFormat;
  encoding?: string;
  signal?: AbortSignal;
  onProgress?: (p: { bytesRead: number; totalBytes: number }) => void;
};
