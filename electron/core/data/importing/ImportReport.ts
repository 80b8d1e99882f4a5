// The type lives in the shared domain so the renderer can use it; re-exported for existing imports.
export type { ImportReport } from "../../../shared/domain/imports";
