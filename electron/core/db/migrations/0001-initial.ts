import type { Migration } from "./Migration";

/**
 * Everything a study needs. JSON columns hold small structured values that are read whole
 * (label lists, settings); anything queried or aggregated has its own column.
 */
export const migration0001: Migration = {
  version: 1,
  name: "initial schema",
  up: (db) => {
    db.exec(`
      CREATE TABLE datasets (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('import', 'synthetic')),
        created_at TEXT NOT NULL,
        record_count INTEGER NOT NULL DEFAULT 0,
        settings_json TEXT NOT NULL DEFAULT '{}'
      );

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL UNIQUE,
        file_size INTEGER NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT,
        delimiter TEXT,
        mapping_json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_imported INTEGER NOT NULL,
        rows_excluded INTEGER NOT NULL,
        warning_count INTEGER NOT NULL,
        report_json TEXT NOT NULL
      );

      CREATE TABLE import_warnings (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        row INTEGER,
        line INTEGER,
        code TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX import_warnings_import ON import_warnings(import_id, row);

      CREATE TABLE records (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        source_id TEXT,
        source_row INTEGER NOT NULL,
        description TEXT NOT NULL,
        additional TEXT,
        conclusion TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        description_labels_json TEXT NOT NULL,
        conclusion_labels_json TEXT NOT NULL,
        other_labels_json TEXT NOT NULL DEFAULT '[]',
        max_category INTEGER,
        excluded_reason TEXT,
        UNIQUE (dataset_id, content_hash)
      );
      CREATE INDEX records_dataset ON records(dataset_id, source_row);

      CREATE TABLE nodules (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        labels_json TEXT NOT NULL,
        lobe TEXT,
        third TEXT,
        UNIQUE (record_id, idx)
      );

      CREATE TABLE splits (
        id INTEGER PRIMARY KEY,
        dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
        seed INTEGER NOT NULL,
        ratios_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (dataset_id, seed, ratios_json)
      );

      CREATE TABLE split_assignments (
        split_id INTEGER NOT NULL REFERENCES splits(id) ON DELETE CASCADE,
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        part TEXT NOT NULL CHECK (part IN ('train', 'val', 'test')),
        PRIMARY KEY (split_id, record_id)
      ) WITHOUT ROWID;
      CREATE INDEX split_assignments_part ON split_assignments(split_id, part);

      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        file_size INTEGER NOT NULL,
        info_json TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('user', 'tiny-default')),
        registered_at TEXT NOT NULL
      );

      CREATE TABLE experiments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        spec_json TEXT NOT NULL,
        spec_source TEXT NOT NULL,
        versions_json TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'planned'
          CHECK (state IN ('planned', 'running', 'paused', 'failed', 'done', 'cancelled')),
        created_at TEXT NOT NULL,
        runner_pid INTEGER,
        runner_heartbeat_at TEXT,
        cancel_requested_at TEXT
      );

      CREATE TABLE adapters (
        id INTEGER PRIMARY KEY,
        model_id INTEGER NOT NULL REFERENCES models(id),
        experiment_id INTEGER REFERENCES experiments(id) ON DELETE CASCADE,
        job_id INTEGER REFERENCES jobs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        train_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      -- A generation of one design's chain. Jobs are shared between designs where the lineage is the
      -- same (every design's M1 is LoRA(base, real train split)), so rows point at jobs.
      CREATE TABLE generations (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        design TEXT NOT NULL,
        chain TEXT NOT NULL,
        model_id INTEGER NOT NULL REFERENCES models(id),
        seed INTEGER NOT NULL,
        generation_index INTEGER NOT NULL,
        train_job_id INTEGER NOT NULL REFERENCES jobs(id),
        generate_job_id INTEGER NOT NULL REFERENCES jobs(id),
        evaluate_job_id INTEGER REFERENCES jobs(id),
        UNIQUE (experiment_id, design, chain, seed, generation_index)
      );

      CREATE TABLE samples (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        record_id INTEGER REFERENCES records(id),
        prompt TEXT NOT NULL,
        output TEXT NOT NULL,
        token_count INTEGER NOT NULL,
        finish_reason TEXT NOT NULL,
        seed INTEGER NOT NULL,
        UNIQUE (job_id, idx)
      );

      CREATE TABLE metric_points (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        generation_id INTEGER REFERENCES generations(id) ON DELETE CASCADE,
        design TEXT NOT NULL,
        model TEXT NOT NULL,
        generation_index INTEGER NOT NULL,
        seed INTEGER,
        metric TEXT NOT NULL,
        value REAL,
        low REAL,
        high REAL,
        UNIQUE (experiment_id, design, model, generation_index, seed, metric)
      );

      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY,
        experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('train', 'generate', 'evaluate', 'metrics')),
        depends_on_json TEXT NOT NULL DEFAULT '[]',
        params_json TEXT NOT NULL DEFAULT '{}',
        state TEXT NOT NULL DEFAULT 'pending'
          CHECK (state IN ('pending', 'running', 'interrupted', 'failed', 'done', 'cancelled')),
        progress REAL NOT NULL DEFAULT 0,
        progress_json TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        output_json TEXT,
        started_at TEXT,
        finished_at TEXT,
        UNIQUE (experiment_id, key)
      );

      CREATE TABLE job_log (
        id INTEGER PRIMARY KEY,
        job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
        message TEXT NOT NULL
      );
      CREATE INDEX job_log_job ON job_log(job_id, id);
    `);
  },
};
