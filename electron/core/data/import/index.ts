export { openTable } from "./openTable";
export { parseMapOption } from "./mapColumns";
export { ImportError } from "./ImportError";
export { detectEncoding } from "./detectEncoding";
export type { ColumnChoice, ColumnMapping, Delimiter, DetectedTable, ReportField, TableFormat, TableRow, OpenTableOptions } from "./types";
