export { openTable } from "./openTable";
export { parseMapOption } from "../../../shared/domain/columnMapping";
export { ImportError } from "./ImportError";
export { detectEncoding } from "./detectEncoding";
export type { ColumnChoice, ColumnMapping, Delimiter, DetectedTable, ReportField, TableFormat, TableRow, OpenTableOptions } from "./types";
