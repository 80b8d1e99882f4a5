import type { Migration } from "./Migration";
import { migration0001 } from "./0001-initial";
import { migration0002 } from "./0002-typed-job-designs";
import { migration0003 } from "./0003-pending-imports";
import { migration0004 } from "./0004-metric-point-chains";

/** In version order; the last entry is the schema version this build writes. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
