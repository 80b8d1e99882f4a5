import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { openDatabase } from "../../../../electron/core/db/openDatabase";
import { importDataset } from "../../../../electron/core/data/importing/importDataset";
import { listRecords, listNodules } from "../../../../electron/core/db/queries/records";
import { listImportWarnings, listImports } from "../../../../electron/core/db/queries/imports";
import { listDatasets } from "../../../../electron/core/db/queries/datasets";
import { useTempDir } from "../../../helpers/tempDir";
import { dbDump } from "../../../helpers/dbDump";

const tempDir = useTempDir();

const HEADER = "id;Описание;Дополнительные данные;Заключение\n";
const GOOD_ROWS = [
  `1;"В правой доле в н/3 определяется образование средней эхогенности, размерами 0,9х0,8х0,7 см. EU-TIRADS 3 ` +
    `В левой доле узел пониженной эхогенности 1,2х1,0х1,1 см. EU-TIRADS 4";;"Многоузловой зоб (EU-TIRADS 3-4)"`,
  `2;"В левой доле киста d= 0,3 см. EU TIRADS-2";"Лимфоузлы не увеличены";"Киста левой доли"`,
  `3;"Узлов нет. Паренхима однородная.";;"Эхографических признаков патологии не выявлено"`,
];

function writeCsv(dir: string, name: string, rows: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, HEADER + rows.join("\n") + "\n");
  return file;
}

describe("importDataset", () => {
  it("imports a semicolon CSV with Russian headers: labels, nodules, report", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const report = await importDataset(db, { file: writeCsv(dir, "export.csv", GOOD_ROWS) });
    expect(report.status).toBe("imported");
    expect(report.detected.delimiter).toBe(";");
    expect(report.rowsRead).toBe(3);
    expect(report.rowsImported).toBe(3);
    const records = listRecords(db, { datasetId: report.datasetId });
    expect(records.map((r) => JSON.parse(r.description_labels_json))).toEqual([[3, 4], [2], []]);
    expect(records.map((r) => JSON.parse(r.conclusion_labels_json))).toEqual([[3, 4], [], []]);
    expect(records.map((r) => r.max_category)).toEqual([4, 2, null]);
    const nodules = listNodules(db, { recordId: records[0]!.id });
    expect(nodules.map((n) => [JSON.parse(n.labels_json), n.lobe])).toEqual([
      [[3], "right"],
      [[4], "left"],
    ]);
    db.close();
  });

  it("does not duplicate a file imported twice", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const file = writeCsv(dir, "export.csv", GOOD_ROWS);
    const first = await importDataset(db, { file });
    const second = await importDataset(db, { file });
    expect(second.status).toBe("already-imported");
    expect(second.datasetId).toBe(first.datasetId);
    expect(listDatasets(db)).toHaveLength(1);
    expect(listImports(db)).toHaveLength(1);
    expect(listRecords(db, { datasetId: first.datasetId })).toHaveLength(3);
    db.close();
  });

  it("keeps row-level problems as warnings and applies the cleaning rules, never silently", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const rows = [
      ...GOOD_ROWS,
      `4;;"доп";"Заключение без описания"`, // empty description → excluded
      GOOD_ROWS[1]!.replace(/^2;/, "5;"), // same content as row 2 → duplicate
      `6;"Узел правой доли 1,0 см. EU-TIRADS 3";;"Узловой зоб, EU-TIRADS 5"`, // conclusion 5 not in description → contradictory
      `7;"Узел правой доли 1,0 см. EU-TIRADS";;"Узловой зоб"`, // label with no number
      `8;"Узел 1,0 см. ACR TI-RADS TR4";;"Узловой зоб"`, // other system
      `9;;;`, // no text at all
    ];
    const report = await importDataset(db, { file: writeCsv(dir, "messy.csv", rows) });
    expect(report.rowsRead).toBe(9);
    expect(report.duplicates).toBe(1);
    expect(report.excluded).toEqual({ empty_description: 1, contradictory_labels: 1, no_text: 1 });
    expect(report.rowsImported).toBe(5);
    expect(report.warningsByCode).toMatchObject({
      duplicate_record: 1,
      empty_description: 1,
      contradictory_labels: 1,
      label_without_number: 1,
      other_system_label: 1,
      no_text: 1,
    });
    const stored = listImportWarnings(db, { importId: report.importId });
    expect(stored).toHaveLength(report.warningCount);
    expect(stored.find((w) => w.code === "duplicate_record")).toMatchObject({ row: 5 });
    // excluded records are kept (with their reason), only the duplicate is not stored twice
    expect(listRecords(db, { datasetId: report.datasetId, includeExcluded: true })).toHaveLength(8);
    db.close();
  });

  it("is all or nothing: a fatal error leaves every table exactly as it was", async () => {
    const dir = tempDir();
    const dbFile = join(dir, "ws.sqlite");
    const db = openDatabase(dbFile);
    await importDataset(db, { file: writeCsv(dir, "first.csv", GOOD_ROWS) });
    const before = dbDump(db);
    db.close();

    const many = Array.from({ length: 5000 }, (_, i) => `${100 + i};"Узел ${i} правой доли 1,${i % 10} см. EU-TIRADS 3";;"Узловой зоб ${i}"`);
    many.splice(4000, 0, `9999;"unclosed quote starts here;;"x"`);
    const broken = writeCsv(dir, "broken.csv", many);
    const db2 = openDatabase(dbFile);
    await expect(importDataset(db2, { file: broken })).rejects.toThrow(/broken\.csv.*line \d+/);
    // the rows before the broken one were committed in chunks and then deleted: the file's bytes may differ, its content not
    expect(dbDump(db2)).toEqual(before);
    db2.close();
  });

  it("rejects a file without a conclusion column, naming the headers", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const file = join(dir, "nocol.csv");
    writeFileSync(file, "Описание,Примечание\nтекст,x\n");
    await expect(importDataset(db, { file })).rejects.toThrow(/nocol\.csv.*conclusion/s);
    expect(listDatasets(db)).toHaveLength(0);
    db.close();
  });
});
