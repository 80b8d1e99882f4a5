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
  /** the planner's chain of the generation measured (cross: "A-first" or "B-first"); null for generation 0 and points stored without one */
  chain: string | null;
};

/** A point to store; its chain may be left out (generation 0, fixtures of one lineage). */
export type NewMetricPoint = Omit<MetricPointRow, "id" | "chain"> & { chain?: string | null };

export function upsertMetricPoints(db: Db, points: Iterable<NewMetricPoint>): void {
  const stmt = db.prepare(
    `INSERT INTO metric_points (experiment_id, generation_id, design, model, generation_index, seed, metric, value, low, high, chain)
     VALUES (@experiment_id, @generation_id, @design, @model, @generation_index, @seed, @metric, @value, @low, @high, @chain)
     ON CONFLICT (experiment_id, design, model, generation_index, seed, metric)
     DO UPDATE SET value = excluded.value, low = excluded.low, high = excluded.high, generation_id = excluded.generation_id, chain = excluded.chain`,
  );
  for (const p of points) stmt.run({ ...p, chain: p.chain ?? null });
}

export function listMetricPoints(db: Db, args: { experimentId: number }): MetricPointRow[] {
  return db
    .prepare("SELECT * FROM metric_points WHERE experiment_id = ? ORDER BY design, model, seed, generation_index, metric")
    .all(args.experimentId) as MetricPointRow[];
}

/** A stored point as the app and the exports show it. */
export function toMetricPoint(p: MetricPointRow): MetricPoint {
  return {
    design: p.design,
    model: p.model,
    chain: p.chain,
    generation: p.generation_index,
    seed: p.seed,
    metric: p.metric,
    value: p.value,
    low: p.low,
    high: p.high,
  };
}
