import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { migrate, DatabaseTooNewError, getUserVersion } from "../../../electron/core/db/migrate";
import { MIGRATIONS, SCHEMA_VERSION } from "../../../electron/core/db/migrations";
import { useTempDir } from "../../helpers/tempDir";

const tempDir = useTempDir();

const EXPECTED_TABLES = [
  "adapters",
  "datasets",
  "experiments",
  "generations",
  "import_warnings",
  "imports",
  "job_log",
  "jobs",
  "metric_points",
  "models",
  "nodules",
  "records",
  "samples",
  "split_assignments",
  "splits",
];

describe("migrations", () => {
  it("are numbered 1..N without gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });

  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) applies on a fresh file and sets user_version`, () => {
      const file = join(tempDir(), "ws.sqlite");
      const db = new Database(file);
      migrate(db, MIGRATIONS.slice(0, m.version));
      expect(getUserVersion(db)).toBe(m.version);
      expect(db.pragma("foreign_key_check")).toEqual([]);
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      db.close();
    });
  }

  it("creates every table a study needs, with WAL and foreign keys on", () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(EXPECTED_TABLES);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(getUserVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("is idempotent: reopening does not migrate again", () => {
    const file = join(tempDir(), "ws.sqlite");
    openDatabase(file).close();
    const db = new Database(file);
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    db.close();
  });

  it("refuses a database written by a newer version and leaves it untouched", () => {
    const file = join(tempDir(), "future.sqlite");
    const raw = new Database(file);
    raw.exec("CREATE TABLE future_thing (x)");
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(new RegExp(`newer Collapse Lab \\(schema version ${SCHEMA_VERSION + 1}`));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("rolls back every pending migration when one fails", () => {
    const file = join(tempDir(), "ws.sqlite");
    const db = new Database(file);
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: "broken",
        up: () => {
          throw new Error("boom");
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow("boom");
    expect(getUserVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    db.close();
  });

  it("enforces foreign keys", () => {
    const db = openDatabase(join(tempDir(), "ws.sqlite"));
    expect(() => db.prepare("INSERT INTO splits (dataset_id, seed, ratios_json, created_at) VALUES (999, 1, '{}', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
