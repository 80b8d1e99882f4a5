/** The fields of a report an import fills, each from one column of the file. */
export const REPORT_FIELDS = ["sourceId", "description", "additional", "conclusion"] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
/** The delimiters a CSV/TSV export may use (sniffed from the header, or chosen by the user). */
export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];
/** Each delimiter's name, in messages and on the command line. */
export const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

/** One row-level (or file-level, row null) problem of an import; all of them are stored with the import. */
export type ImportWarning = { row: number | null; line: number | null; code: string; message: string };

export type ImportProgress = { rows: number; bytesRead: number; totalBytes: number };

/** What an import did: detection (format, encoding, delimiter, columns), counts and the first warnings. */
export type ImportReport = {
  status: "imported" | "already-imported";
  importId: number;
  datasetId: number;
  file: string;
  sha256: string;
  detected: {
    format: string;
    encoding: string | null;
    delimiter: string | null;
    headers: string[];
    mapping: Record<string, string | undefined>;
    notes: string[];
  };
  rowsRead: number;
  rowsImported: number;
  rowsExcluded: number;
  duplicates: number;
  /** records excluded per cleaning rule */
  excluded: Record<string, number>;
  warningCount: number;
  warningsByCode: Record<string, number>;
  /** the first warnings, for display; all of them are stored in import_warnings */
  firstWarnings: ImportWarning[];
  nodules: number;
  /** every row left out by skip-bad-rows, with its problem (absent in reports stored before it existed) */
  skippedRows?: { row: number; line: number; problem: string }[];
  seconds: number;
};

/** One of the first rows of a file as it would be imported with the chosen settings. */
export type ImportPreviewRow = {
  row: number;
  line: number;
  values: Record<ReportField, string | null>;
  /** the cleaning rule that would exclude the record, if any */
  excludedReason: string | null;
  warnings: { code: string; message: string }[];
};

/** What an import would do, read from the file without storing anything: settings can still change. */
export type ImportPreview = {
  file: string;
  bytes: number;
  detected: ImportReport["detected"] & { missing: ReportField[] };
  rows: ImportPreviewRow[];
  /** a fatal problem met in the first rows (e.g. a quote never closed); the import would fail on it */
  problem: string | null;
  /** the same bytes were imported before: importing again adds nothing, whatever the settings */
  alreadyImported: { datasetId: number } | null;
};
