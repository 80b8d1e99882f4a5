import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { openDatabase, type Db } from "../../../../electron/core/db/openDatabase";
import { importDataset, IMPORT_CHUNK_ROWS } from "../../../../electron/core/data/importing/importDataset";
import { listDatasets } from "../../../../electron/core/db/queries/datasets";
import { listImports } from "../../../../electron/core/db/queries/imports";
import { upsertModel } from "../../../../electron/core/db/queries/models";
import { getExperiment } from "../../../../electron/core/db/queries/experiments";
import { listJobs } from "../../../../electron/core/db/queries/jobs";
import { createStudy } from "../../../../electron/core/experiments/createStudy";
import { parseStudySpec } from "../../../../electron/shared/domain/study";
import { useTempDir } from "../../../helpers/tempDir";
import { dbDump } from "../../../helpers/dbDump";
import { seedStudy } from "../../../fixtures/seedStudy";
import { tinyModelInfoJson } from "../../../fixtures/exportableStudy";

const tempDir = useTempDir();
const HEADER = "id;Описание;Дополнительные данные;Заключение\n";

/** A semicolon CSV of `rows` distinct reports; `brokenLast` ends it with a row whose quote never closes (a fatal error at the last row). */
function writeExport(dir: string, name: string, rows: number, options: { from?: number; brokenLast?: boolean } = {}): string {
  const from = options.from ?? 0;
  const lines = Array.from({ length: rows }, (_, k) => {
    const i = from + k;
    return `${i};"В правой доле узел ${i} размерами 1,${i % 10}х0,8 см. EU-TIRADS ${3 + (i % 3)}";;"Узловой зоб ${i} (EU-TIRADS ${3 + (i % 3)})"`;
  });
  if (options.brokenLast) lines.push(`${from + rows};"the quote of this last row never closes;;"x"`);
  const file = join(dir, name);
  writeFileSync(file, HEADER + lines.join("\n") + "\n");
  return file;
}

/** A second connection that refuses to wait for a lock: a write through it fails at once if any transaction holds the write lock. */
function probe(file: string): Db {
  const other = openDatabase(file);
  other.pragma("busy_timeout = 0");
  return other;
}

const study = (datasetId: number) =>
  parseStudySpec({
    name: "made during an import",
    dataset: datasetId,
    models: ["tiny-a"],
    designs: ["recursive"],
    generations: 1,
    seeds: [1],
    trainRecords: 5,
    evalRecords: 3,
  });

describe("an import never holds the write lock for long", () => {
  for (const fails of [false, true]) {
    const name =
      "between its chunks other writers go in, the dataset stays invisible until the end, and a second import and a study made meanwhile are intact" +
      `${fails ? " (the import failing at its last row leaves nothing)" : ""}`;
    it(name, async () => {
      const dir = tempDir();
      const file = join(dir, "ws.sqlite");
      const db = openDatabase(file);
      const small = await importDataset(db, { file: writeExport(dir, "small.csv", 200, { from: 900_000 }) });
      upsertModel(db, {
        name: "tiny-a",
        path: join(dir, "tiny-a.gguf"),
        sha256: "a".repeat(64),
        file_size: 1,
        info_json: await tinyModelInfoJson(),
        origin: "tiny-default",
      });
      const before = dbDump(db);
      const other = probe(file);
      const big = writeExport(dir, "big.csv", 5 * IMPORT_CHUNK_ROWS + 17, { brokenLast: fails });
      const seen: { otherWrote: boolean; visible: string[] }[] = [];
      let second: Promise<Awaited<ReturnType<typeof importDataset>>> | null = null;
      let studyId: number | null = null;
      const running = importDataset(db, {
        file: big,
        onProgress: () => {
          if (seen.length > 0) return;
          // after the first chunk: another connection can write, and does not see the half-imported dataset
          let otherWrote = true;
          try {
            other.prepare("UPDATE datasets SET name = name WHERE id = ?").run(small.datasetId);
          } catch {
            otherWrote = false;
          }
          seen.push({ otherWrote, visible: listDatasets(other).map((d) => d.name) });
          // and in this process, a second import and a study arrive while the big one runs
          second = importDataset(db, { file: writeExport(dir, "second.csv", 50, { from: 800_000 }) });
          studyId = createStudy(db, { spec: study(small.datasetId), source: "", versions: {} }).id;
        },
      });
      if (fails) await expect(running).rejects.toThrow(/big\.csv.*line \d+/);
      else expect((await running).rowsImported).toBe(5 * IMPORT_CHUNK_ROWS + 17);

      expect(seen).toEqual([{ otherWrote: true, visible: ["small.csv"] }]);
      expect(second).not.toBeNull();
      const secondReport = await second!;
      expect(secondReport).toMatchObject({ status: "imported", rowsImported: 50 });
      expect(getExperiment(db, { id: studyId! })?.name).toBe("made during an import");
      const names = listDatasets(db).map((d) => d.name);
      expect(names).toEqual(fails ? ["small.csv", "second.csv"] : ["small.csv", "big.csv", "second.csv"]);
      if (fails) {
        // nothing of the failed file: no dataset, import, record or nodule beyond the others'
        const after = dbDump(db);
        expect(listImports(db).map((i) => i.file_name)).toEqual(["small.csv", "second.csv"]);
        const otherRecords = (after.records as { dataset_id: number }[]).filter(
          (r) => r.dataset_id !== small.datasetId && r.dataset_id !== secondReport.datasetId,
        );
        expect(otherRecords).toEqual([]);
        expect((after.records as unknown[]).length).toBe((before.records as unknown[]).length + 50);
      }
      other.close();
      db.close();
    });
  }

  for (const fails of [false, true]) {
    it(`a study running in another process finishes while a large import runs${fails ? " and fails at its last row" : ""}`, async () => {
      const dir = tempDir();
      const file = join(dir, "ws.sqlite");
      const db = openDatabase(file);
      const id = seedStudy(db);
      const before = dbDump(db);
      const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/runFakeStudy.ts", file, String(id), "150"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
      await new Promise<void>((resolve) => child.stdout.on("data", () => out.includes("started") && resolve()));
      const other = probe(file);
      let otherWrote: boolean | null = null;
      const running = importDataset(db, {
        file: writeExport(dir, "big.csv", 20 * IMPORT_CHUNK_ROWS, { brokenLast: fails }),
        onProgress: () => {
          if (otherWrote !== null) return;
          try {
            other.prepare("UPDATE experiments SET name = name WHERE id = ?").run(id);
            otherWrote = true;
          } catch {
            otherWrote = false;
          }
        },
      });
      if (fails) await expect(running).rejects.toThrow(/big\.csv.*line \d+/);
      else expect((await running).rowsImported).toBe(20 * IMPORT_CHUNK_ROWS);
      expect(otherWrote, "another process could write between the import's chunks").toBe(true);
      expect(await exited, err).toBe(0);
      expect(out).toContain("state done");
      expect(err).not.toMatch(/SQLITE_BUSY|database is locked/);
      expect(listJobs(db, { experimentId: id }).every((j) => j.state === "done")).toBe(true);
      if (fails) {
        const after = dbDump(db);
        for (const table of ["datasets", "imports", "import_warnings", "records", "nodules"]) expect(after[table], table).toEqual(before[table]);
      }
      other.close();
      db.close();
    });
  }
});
