import type { Migration } from "./Migration";
import { parseDesignKey } from "../../../shared/domain/design";

/**
 * Metrics jobs name their design as a typed value ({ kind: "real-fraction", realFraction: 0.5 })
 * instead of its text key ("real-fraction@0.5"). Series rows (metric_points, generations) keep
 * the text key, which designKey() still writes.
 */
export const migration0002: Migration = {
  version: 2,
  name: "typed designs in metrics job params",
  up: (db) => {
    const rows = db.prepare("SELECT id, params_json FROM jobs WHERE kind = 'metrics'").all() as { id: number; params_json: string }[];
    const update = db.prepare("UPDATE jobs SET params_json = ? WHERE id = ?");
    for (const row of rows) {
      const params = JSON.parse(row.params_json) as { design?: unknown };
      if (typeof params.design !== "string") continue;
      update.run(JSON.stringify({ ...params, design: parseDesignKey(params.design) }), row.id);
    }
  },
};
