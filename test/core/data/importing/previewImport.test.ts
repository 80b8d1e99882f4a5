import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import iconv from "iconv-lite";
import { openDatabase } from "../../../../electron/core/db/openDatabase";
import { previewImport } from "../../../../electron/core/data/importing/previewImport";
import { importDataset } from "../../../../electron/core/data/importing/importDataset";
import { listDatasets } from "../../../../electron/core/db/queries/datasets";
import { ImportError } from "../../../../electron/core/data/import";
import { useTempDir } from "../../../helpers/tempDir";

const tempDir = useTempDir();

// Columns no synonym knows, a semicolon file whose first line also holds commas, Windows-1251.
const LINES = [
  "Код;Текст, протокол;Примечание;Итог",
  '1;"В правой доле узел 0,9 см. EU-TIRADS 3";нет;"Узловой зоб, EU-TIRADS 3"',
  '2;"Узлов нет.";;"Без патологии. EU-TIRADS"',
  '3;"В левой доле киста 0,3 см.";;""',
];

function exportFile(dir: string): string {
  const file = join(dir, "выгрузка.csv");
  writeFileSync(file, iconv.encode(LINES.join("\r\n") + "\r\n", "win1251"));
  return file;
}

describe("previewImport", () => {
  it("reads the first rows without storing anything, lists what is missing, and follows corrected settings", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const file = exportFile(dir);

    const first = await previewImport(db, { file, rows: 2, encoding: "utf-8", delimiter: "," });
    expect(first.detected.encoding).toBe("utf-8");
    expect(first.detected.headers).toHaveLength(2);
    expect(first.detected.missing).toEqual(["description", "conclusion"]);

    const fixed = await previewImport(db, { file, rows: 2, map: { description: "Текст, протокол", conclusion: "Итог", additional: null } });
    expect(fixed.detected).toMatchObject({ format: "csv", encoding: "windows-1251", delimiter: ";", missing: [] });
    expect(fixed.detected.headers).toEqual(["Код", "Текст, протокол", "Примечание", "Итог"]);
    expect(fixed.detected.mapping).toEqual({ description: "Текст, протокол", conclusion: "Итог" });
    expect(fixed.rows.map((r) => r.row)).toEqual([1, 2]);
    expect(fixed.rows[0]!.values).toEqual({
      sourceId: null,
      description: "В правой доле узел 0,9 см. EU-TIRADS 3",
      additional: null,
      conclusion: "Узловой зоб, EU-TIRADS 3",
    });
    expect(fixed.rows[1]!.warnings.map((w) => w.code)).toContain("label_without_number");
    expect(fixed.problem).toBeNull();
    expect(fixed.alreadyImported).toBeNull();
    expect(listDatasets(db)).toEqual([]);

    const all = await previewImport(db, { file, rows: 10, map: { description: "Текст, протокол", conclusion: "Итог" } });
    expect(all.rows).toHaveLength(3);
    expect(all.rows[2]!.excludedReason).not.toBeNull();

    // the same settings import the file; a second preview says it is in already
    const report = await importDataset(db, { file, map: { description: "Текст, протокол", conclusion: "Итог" } });
    expect(report.rowsRead).toBe(3);
    expect((await previewImport(db, { file, rows: 1 })).alreadyImported).toEqual({ datasetId: report.datasetId });
    db.close();
  });

  it("reports a broken row among the first ones as the problem; a file it cannot open throws", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const broken = join(dir, "broken.csv");
    writeFileSync(broken, 'Описание,Заключение\nузел,зоб\n"узел,зоб\n');
    const p = await previewImport(db, { file: broken, rows: 5 });
    expect(p.rows).toHaveLength(1);
    expect(p.problem).toMatch(/broken\.csv: line 3: a quoted field is never closed/);

    const headerOnly = join(dir, "header.csv");
    writeFileSync(headerOnly, "Описание,Заключение\n");
    expect((await previewImport(db, { file: headerOnly, rows: 5 })).problem).toMatch(/header\.csv: the file has a header but no data rows/);

    const empty = join(dir, "empty.csv");
    writeFileSync(empty, "");
    await expect(previewImport(db, { file: empty, rows: 5 })).rejects.toBeInstanceOf(ImportError);
    db.close();
  });
});
