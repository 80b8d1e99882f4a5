import type { ImportWarning } from "../../db/queries/imports";

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
