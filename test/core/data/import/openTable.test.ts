import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { writeFileSync, createWriteStream } from "node:fs";
import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { openTable, parseMapOption, ImportError, type TableRow } from "../../../../electron/core/data/import";
import { useTempDir } from "../../../helpers/tempDir";

const tempDir = useTempDir();

const HEADERS = ["id", "Описание", "Дополнительные данные", "Заключение"];
const ROWS = [
  ["1", "В правой доле узел 0,9х0,8 см. EU-TIRADS 3", "", "Узловой зоб"],
  ["2", 'Киста коллоидная, с "хвостом кометы";\r\nвторая строка, с запятой', "Лимфоузлы не увеличены", "Киста правой доли"],
];

function csv(rows: string[][], delimiter: string): string {
  const q = (s: string) => (/[",;\t\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [HEADERS, ...rows].map((r) => r.map(q).join(delimiter)).join("\r\n") + "\r\n";
}

async function readAll(file: string, options = {}): Promise<{ detected: Awaited<ReturnType<typeof openTable>>["detected"]; rows: TableRow[] }> {
  const { detected, rows } = await openTable(file, options);
  const out: TableRow[] = [];
  for await (const r of rows) out.push(r);
  return { detected, rows: out };
}

function expectRows(rows: TableRow[]) {
  expect(rows).toHaveLength(2);
  expect(rows[0]!.values).toEqual({ sourceId: "1", description: ROWS[0]![1], additional: null, conclusion: "Узловой зоб" });
  expect(rows[1]!.values.description).toBe(ROWS[1]![1]!.replace("\r\n", "\n"));
  expect(rows[1]!.values.additional).toBe("Лимфоузлы не увеличены");
}

describe("openTable: encodings", () => {
  const cases: [name: string, bytes: (text: string) => Buffer, encoding: string][] = [
    ["UTF-8", (t) => Buffer.from(t, "utf8"), "utf-8"],
    ["UTF-8 with BOM", (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")]), "utf-8-bom"],
    ["Windows-1251", (t) => iconv.encode(t, "windows-1251"), "windows-1251"],
    ["KOI8-R", (t) => iconv.encode(t, "koi8-r"), "koi8-r"],
    ["UTF-16LE with BOM", (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(t, "utf-16le")]), "utf-16le"],
    ["UTF-16BE with BOM", (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(t, "utf-16be")]), "utf-16be"],
    ["UTF-16LE without BOM", (t) => iconv.encode(t, "utf-16le"), "utf-16le"],
  ];
  for (const [name, encode, encoding] of cases) {
    it(`detects and converts ${name}`, async () => {
      const file = join(tempDir(), "export.csv");
      writeFileSync(file, encode(csv(ROWS, ";")));
      const { detected, rows } = await readAll(file);
      expect(detected.encoding).toBe(encoding);
      expect(detected.delimiter).toBe(";");
      expect(detected.mapping).toEqual({ sourceId: "id", description: "Описание", additional: "Дополнительные данные", conclusion: "Заключение" });
      expectRows(rows);
    });
  }

  it("repairs double-encoded UTF-8 and says so", async () => {
    const file = join(tempDir(), "mojibake.csv");
    const mojibake = iconv.decode(Buffer.from(csv(ROWS, ","), "utf8"), "windows-1251");
    writeFileSync(file, mojibake, "utf8");
    const { detected, rows } = await readAll(file);
    expect(detected.warnings.join(" ")).toMatch(/encoded twice/);
    expect(detected.headers).toContain("Описание");
    expect(rows[0]!.values.conclusion).toBe("Узловой зоб");
  });

  it("an explicit --encoding overrides detection", async () => {
    const file = join(tempDir(), "export.csv");
    writeFileSync(file, iconv.encode(csv(ROWS, ";"), "windows-1251"));
    const { detected } = await readAll(file, { encoding: "cp1251" });
    expect(detected.encoding).toBe("windows-1251");
  });
});

describe("openTable: formats", () => {
  it("keeps «» quotes and doubled quotes inside fields", async () => {
    const file = join(tempDir(), "q.csv");
    writeFileSync(file, 'Описание;Заключение\n"Киста «коллоидная»; ""хвост""";Киста\n');
    const { rows } = await readAll(file);
    expect(rows[0]!.values.description).toBe('Киста «коллоидная»; "хвост"');
  });

  it("reads comma CSV with quoted newlines and quotes, and reports the start line of each row", async () => {
    const file = join(tempDir(), "export.csv");
    writeFileSync(file, csv([...ROWS, ["3", "Узел", "", "Зоб"]], ","));
    const { detected, rows } = await readAll(file);
    expect(detected.format).toBe("csv");
    expect(detected.delimiter).toBe(",");
    expectRows(rows.slice(0, 2));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5]);
  });

  it("reads TSV (Excel 'Unicode text')", async () => {
    const file = join(tempDir(), "export.txt");
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv(ROWS, "\t"), "utf-16le")]));
    const { detected, rows } = await readAll(file);
    expect(detected.format).toBe("tsv");
    expectRows(rows);
  });

  it("reads XLSX, also when renamed to .csv", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Лист1");
    ws.addRow(HEADERS);
    for (const r of ROWS) ws.addRow(r.map((c) => (c === "" ? null : c)));
    for (const name of ["export.xlsx", "renamed.csv"]) {
      const file = join(tempDir(), name);
      await wb.xlsx.writeFile(file);
      const { detected, rows } = await readAll(file);
      expect(detected.format).toBe("xlsx");
      expect(detected.encoding).toBeNull();
      expectRows(rows);
    }
  });

  it("reads a JSON array and JSON Lines with English field names", async () => {
    const objects = ROWS.map((r) => ({ id: r[0], description: r[1], additional: r[2] || null, conclusion: r[3] }));
    const dir = tempDir();
    writeFileSync(join(dir, "a.json"), JSON.stringify(objects));
    writeFileSync(join(dir, "a.jsonl"), objects.map((o) => JSON.stringify(o)).join("\n") + "\n");
    for (const name of ["a.json", "a.jsonl"]) {
      const { detected, rows } = await readAll(join(dir, name));
      expect(detected.format).toBe(name.endsWith("l") ? "jsonl" : "json");
      expectRows(rows);
    }
  });

  it("maps columns explicitly with --map", async () => {
    const file = join(tempDir(), "custom.csv");
    writeFileSync(file, "Текст,Вывод,Прочее\nузел,зоб,x\n");
    await expect(readAll(file)).rejects.toThrow(/custom\.csv: no column for description; headers: "Текст", "Вывод", "Прочее"; use --map/);
    const { detected, rows } = await readAll(file, { map: parseMapOption("description=Текст,conclusion=Вывод") });
    expect(detected.mapping).toEqual({ description: "Текст", conclusion: "Вывод" });
    expect(detected.warnings).toEqual(["unmapped columns: Прочее"]);
    expect(rows[0]!.values).toEqual({ sourceId: null, description: "узел", additional: null, conclusion: "зоб" });
    expect(parseMapOption('{"description":"A","conclusion":"B"}')).toEqual({ description: "A", conclusion: "B" });
    expect(() => parseMapOption("colour=x")).toThrow(/unknown field "colour"/);
  });
});

describe("openTable: fatal errors name the file and line", () => {
  const cases: [name: string, content: string, message: RegExp][] = [
    ["unclosed.csv", 'Описание,Заключение\n"узел,зоб\nузел,зоб\n', /unclosed\.csv: line \d+: a quoted field is never closed/],
    ["fields.csv", "Описание,Заключение\nузел,зоб\nузел,зоб,лишнее\n", /fields\.csv: line 3: the row has a different number of fields/],
    ["bad.jsonl", '{"description":"a","conclusion":"b"}\n{"description": oops}\n', /bad\.jsonl: line 2: not valid JSON/],
    ["notobj.jsonl", '{"description":"a","conclusion":"b"}\n[1,2]\n', /notobj\.jsonl: line 2: each record must be a JSON object/],
    ["empty.csv", "", /empty\.csv: the file is empty/],
  ];
  for (const [name, content, message] of cases) {
    it(name, async () => {
      const file = join(tempDir(), name);
      writeFileSync(file, content);
      const err = await readAll(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as Error).message).toMatch(message);
    });
  }

  it("a missing file", async () => {
    await expect(readAll("/nonexistent/export.csv")).rejects.toThrow(/ENOENT|cannot open/);
  });
});

describe("openTable: streaming", () => {
  it("reads 200,000 rows in bounded memory", async () => {
    const file = join(tempDir(), "big.csv");
    const out = createWriteStream(file);
    out.write("id;Описание;Заключение\n");
    for (let i = 0; i < 200_000; i++) out.write(`${i};"В правой доле узел ${i % 97},${i % 10} см. EU-TIRADS 3";Узловой зоб ${i}\n`);
    await new Promise<void>((r) => out.end(r));
    const before = process.memoryUsage().rss;
    const { rows } = await openTable(file);
    let n = 0;
    let peak = before;
    for await (const _ of rows) if (++n % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    expect(n).toBe(200_000);
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
  });
});
