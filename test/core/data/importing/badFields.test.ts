import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import iconv from "iconv-lite";
import { openDatabase } from "../../../../electron/core/db/openDatabase";
import { importDataset } from "../../../../electron/core/data/importing/importDataset";
import { MAX_FIELD_CHARS } from "../../../../electron/core/data/import/checkRows";
import { listRecords } from "../../../../electron/core/db/queries/records";
import { listImportWarnings } from "../../../../electron/core/db/queries/imports";
import { useTempDir } from "../../../helpers/tempDir";
import { dbDump } from "../../../helpers/dbDump";

const tempDir = useTempDir();
const HEADER = "id;Описание;Заключение\n";
const good = (i: number) => `${i};"Узел ${i} правой доли 1,${i % 10} см. EU-TIRADS 3";"Узловой зоб ${i}"`;

/** A workspace with one good import, and what it holds: a failed file must leave exactly that. */
async function workspace() {
  const dir = tempDir();
  const db = openDatabase(join(dir, "ws.sqlite"));
  const first = join(dir, "first.csv");
  writeFileSync(first, HEADER + [1, 2, 3].map(good).join("\n") + "\n");
  await importDataset(db, { file: first });
  return { dir, db, before: dbDump(db) };
}

function rows(dir: string, name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, HEADER + lines.join("\n") + "\n");
  return file;
}

describe("every field is bounded and clean", () => {
  it("a 5 MB description fails naming the row, the column and the size; nothing is stored", async () => {
    const { dir, db, before } = await workspace();
    const huge = "Узел правой доли. ".repeat(300_000).trim(); // 5.4 million characters
    const file = rows(dir, "huge.csv", [good(10), good(11), `12;"${huge}";"Зоб"`, good(13)]);
    const error = (await importDataset(db, { file }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(
      `huge.csv: line 4: data row 3: column "Описание" holds ${huge.length.toLocaleString("en-US")} characters; a field may hold at most`,
    );
    expect(error.message).toContain(MAX_FIELD_CHARS.toLocaleString("en-US"));
    expect(dbDump(db)).toEqual(before);
    db.close();
  });

  it("a NUL inside a description fails naming the row and column and saying the file may be UTF-16 or damaged", async () => {
    const { dir, db, before } = await workspace();
    const file = rows(dir, "nul.csv", [good(10), `11;"Узел\u0000 правой доли";"Зоб"`]);
    await expect(importDataset(db, { file })).rejects.toThrow(
      /nul\.csv: line 3: data row 2: column "Описание" contains the control character U\+0000 \(NUL\); the file may be UTF-16.*or damaged/,
    );
    expect(dbDump(db)).toEqual(before);
    // tab and line breaks are text, not damage
    const ok = rows(dir, "tabs.csv", [`20;"Узел\tправой доли\nвторая строка";"Зоб"`]);
    expect((await importDataset(db, { file: ok })).rowsImported).toBe(1);
    db.close();
  });

  it("--skip-bad-rows imports the others and reports every skipped row, also in the stored warnings", async () => {
    const { dir, db } = await workspace();
    const huge = "x".repeat(MAX_FIELD_CHARS + 1);
    const file = rows(dir, "mixed.csv", [good(10), `11;"bad\u0001";"Зоб"`, good(12), `13;"Узел";"${huge}"`, good(14)]);
    const report = await importDataset(db, { file, skipBadRows: true });
    expect(report.rowsImported).toBe(3);
    expect(report.skippedRows!.map((s) => [s.row, s.line])).toEqual([
      [2, 3],
      [4, 5],
    ]);
    expect(report.skippedRows![0]!.problem).toMatch(/column "Описание" contains the control character U\+0001/);
    expect(report.skippedRows![1]!.problem).toMatch(/column "Заключение" holds 262,145 characters/);
    expect(listRecords(db, { datasetId: report.datasetId }).map((r) => r.source_id)).toEqual(["10", "12", "14"]);
    const stored = listImportWarnings(db, { importId: report.importId }).filter((w) => w.code === "skipped_row");
    expect(stored.map((w) => w.row)).toEqual([2, 4]);
    db.close();
  });

  it("repairs double-encoded text only when the repair is lossless; otherwise the file fails naming a row", async () => {
    const { dir, db, before } = await workspace();
    const mojibake = (text: string) => iconv.decode(Buffer.from(text, "utf8"), "windows-1251");
    // "И" is D0 98 in UTF-8, and 0x98 is no character in Windows-1251: that text cannot come back
    const lossless = HEADER + [good(30), good(31), good(32), good(33)].join("\n") + "\n";
    const file = join(dir, "twice.csv");
    writeFileSync(file, mojibake(lossless), "utf8");
    const report = await importDataset(db, { file });
    expect(report.detected.notes.join(" ")).toMatch(/encoded twice/);
    expect(listRecords(db, { datasetId: report.datasetId }).map((r) => r.conclusion)).toEqual([
      "Узловой зоб 30",
      "Узловой зоб 31",
      "Узловой зоб 32",
      "Узловой зоб 33",
    ]);

    const afterGood = dbDump(db);
    const lossyText = mojibake(HEADER + [good(40), good(41), `42;"Истмус не утолщён";"Зоб"`, good(43)].join("\n") + "\n");
    expect(lossyText).toContain("\ufffd");
    // the byte lost as U+FFFD, or as the "?" other programs write for it
    for (const [name, text] of [
      ["lossy.csv", lossyText],
      ["lossy-question.csv", lossyText.replace(/\ufffd/g, "?")],
    ] as const) {
      const lossy = join(dir, name);
      writeFileSync(lossy, text, "utf8");
      const error = (await importDataset(db, { file: lossy }).catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(
        new RegExp(`^${name.replace(".", "\\.")}: line 4: data row 3: column "Описание" looks encoded twice .* cannot be repaired without losing characters`),
      );
      expect(dbDump(db)).toEqual(afterGood);
    }
    expect(before.datasets).toHaveLength(1);
    db.close();
  });
});
