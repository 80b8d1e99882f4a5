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
  seconds: number;
};
