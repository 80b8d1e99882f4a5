import type { Db } from "../openDatabase";
import type { MetricPoint } from "../../../shared/domain/views";

export type MetricPointRow = {
  id: number;
  experiment_id: number;
  generation_id: number | null;
  design: string;
  model: string;
  generation_index: number;
  seed: number | null;
  metric: string;
  value: number | null;
  low: number | null;
  high: number | null;
};

export function upsertMetricPoints(db: Db, points: Iterable<Omit<MetricPointRow, "id">>): void {
  const stmt = db.prepare(
    `INSERT INTO metric_points (experiment_id, generation_id, design, model, generation_index, seed, metric, value, low, high)
     VALUES (@experiment_id, @generation_id, @design, @model, @generation_index, @seed, @metric, @value, @low, @high)
     ON CONFLICT (experiment_id, design, model, generation_index, seed, metric)
     DO UPDATE SET value = excluded.value, low = excluded.low, high = excluded.high, generation_id = excluded.generation_id`,
  );
  for (const p of points) stmt.run(p);
}

export function listMetricPoints(db: Db, args: { experimentId: number }): MetricPointRow[] {
  return db
    .prepare("SELECT * FROM metric_points WHERE experiment_id = ? ORDER BY design, model, seed, generation_index, metric")
    .all(args.experimentId) as MetricPointRow[];
}

/** A stored point as the app and the exports show it. */
export function toMetricPoint(p: MetricPointRow): MetricPoint {
  return { design: p.design, model: p.model, generation: p.generation_index, seed: p.seed, metric: p.metric, value: p.value, low: p.low, high: p.high };
}
