import type { Migration } from "./Migration";

/**
 * A metric point names its chain (issue 17): a cross design runs two lineages per seed (one starts
 * with each model), and a model's points alternate between them, so a per-seed summary such as the
 * slope must be computed per chain. Points stored before carry the chain of the generation they
 * measured (generation 0, the real data, has none).
 */
export const migration0004: Migration = {
  version: 4,
  name: "metric point chains",
  up: (db) => {
    db.exec(`ALTER TABLE metric_points ADD COLUMN chain TEXT`);
    db.exec(`
      UPDATE metric_points SET chain = (
        SELECT g.chain FROM generations g JOIN models m ON m.id = g.model_id
        WHERE g.experiment_id = metric_points.experiment_id AND g.design = metric_points.design AND g.seed = metric_points.seed
          AND g.generation_index = metric_points.generation_index AND m.name = metric_points.model
        LIMIT 1
      ) WHERE generation_index >= 1`);
  },
};
