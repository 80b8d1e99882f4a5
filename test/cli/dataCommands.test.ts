import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { lab } from "../helpers/runLab";
import { useTempDir } from "../helpers/tempDir";
import { dbDumpOfFile as tables } from "../helpers/dbDump";

const tempDir = useTempDir();

describe("lab CLI: the data pipeline", () => {
  it("synth → records --json → stats --json, and the same seed gives a byte-identical corpus", async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    const a = await lab(["synth", "--records", "300", "--seed", "7", "--out", join(dir, "a.csv"), "--db", db, "--json"]);
    expect(a.stderr).toBe("");
    expect(a.status).toBe(0);
    const report = JSON.parse(a.stdout);
    expect(report.rowsRead).toBe(300);
    expect(report.split.counts.train + report.split.counts.val + report.split.counts.test).toBe(report.rowsImported);
    await lab(["synth", "--records", "300", "--seed", "7", "--out", join(dir, "b.csv"), "--db", join(dir, "other.sqlite")]);
    expect(readFileSync(join(dir, "a.csv")).equals(readFileSync(join(dir, "b.csv")))).toBe(true);

    const records = await lab(["records", "--db", db, "--json"]);
    expect(records.status).toBe(0);
    const lines = records.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(report.rowsImported);
    const withNodules = lines.find((r) => r.nodules.length >= 2)!;
    expect(withNodules).toMatchObject({ sourceId: expect.stringMatching(/^SYN-/), split: expect.stringMatching(/^(train|val|test)$/) });
    expect(withNodules.descriptionLabels).toEqual(withNodules.nodules.flatMap((n: { labels: unknown[] }) => n.labels));
    for (const r of lines)
      for (const c of [...r.descriptionLabels, ...r.conclusionLabels]) expect(c === null || (Number.isInteger(c) && c >= 1 && c <= 5)).toBe(true);

    const stats = JSON.parse((await lab(["stats", "--db", db, "--json"])).stdout);
    expect(stats.records).toBe(report.rowsImported);
    expect(stats.missing.additional).toBeGreaterThan(150);
    expect(stats.topBigrams.length).toBeGreaterThan(5);
  });

  it("records pages through a dataset larger than a page; --limit cuts it, and a bad --limit is named", async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    const report = JSON.parse((await lab(["synth", "--records", "2500", "--seed", "3", "--out", join(dir, "a.csv"), "--db", db, "--json"])).stdout);
    const all = (await lab(["records", "--db", db, "--json"])).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { row: number });
    expect(all).toHaveLength(report.rowsImported);
    expect(new Set(all.map((r) => r.row)).size).toBe(all.length);
    const cut = (await lab(["records", "--db", db, "--json", "--limit", "1500"])).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(cut).toEqual(all.slice(0, 1500));
    for (const bad of ["0", "abc", "2.5"]) {
      const r = await lab(["records", "--db", db, "--limit", bad]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`--limit must be a positive integer, got "${bad}"`);
    }
  });

  it("a bad file exits non-zero with a message naming file and line, and changes nothing", async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    const good = join(dir, "good.csv");
    writeFileSync(good, "Описание;Заключение\nУзел правой доли 1 см. EU-TIRADS 3;Узловой зоб\n");
    expect((await lab(["import", good, "--db", db])).status).toBe(0);
    // the rows before the bad one were committed in chunks and deleted again: the content is as before, not the bytes
    const before = tables(db);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, 'Описание;Заключение\nузел;зоб\n"незакрытая кавычка;зоб\nузел;зоб\n');
    const r = await lab(["import", bad, "--db", db]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/error: bad\.csv: line 3: a quoted field is never closed/);
    expect(tables(db)).toEqual(before);
    const json = await lab(["import", bad, "--db", db, "--json"]);
    expect(JSON.parse(json.stdout).error.message).toMatch(/bad\.csv: line 3/);
    expect((await lab(["import", join(dir, "missing.csv"), "--db", db])).stderr).toMatch(/missing\.csv/);
  });

  it("--delimiter overrides the sniffed delimiter where the header misleads it; a bad one is named", async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    const file = join(dir, "notes.csv");
    // as many commas as semicolons on the header line: the sniffer picks the comma
    writeFileSync(file, "id;Описание;Заключение;Примечание, если есть, врача, отделения\n1;Узел правой доли 1 см. EU-TIRADS 3;Узловой зоб;нет\n");
    const sniffed = await lab(["import", file, "--db", db, "--json"]);
    expect(sniffed.status).not.toBe(0);
    expect(JSON.parse(sniffed.stdout).error.message).toContain(
      "the header was split at each comma (sniffed); if the file uses another delimiter, choose it (--delimiter)",
    );
    const chosen = await lab(["import", file, "--db", db, "--json", "--delimiter", "semicolon"]);
    expect(chosen.stderr).toBe("");
    const report = JSON.parse(chosen.stdout);
    expect(report.rowsImported).toBe(1);
    expect(report.detected.delimiter).toBe(";");
    const bad = await lab(["import", file, "--db", join(dir, "other.sqlite"), "--delimiter", "|"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--delimiter must be one of , ; tab (or comma, semicolon), got "|"');
  });

  it("importing the same file twice adds nothing", async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    const file = join(dir, "x.csv");
    writeFileSync(file, "Описание;Заключение\nУзел 1 см. EU-TIRADS 3;Зоб\n");
    await lab(["import", file, "--db", db]);
    const again = await lab(["import", file, "--db", db, "--json"]);
    expect(JSON.parse(again.stdout).status).toBe("already-imported");
    expect(JSON.parse((await lab(["datasets", "--db", db, "--json"])).stdout)).toHaveLength(1);
  });

  it("every --json answer is the contract's camelCase type: the same value the handlers give the window", async () => {
    const dir = tempDir();
    const db = join(dir, "ws.sqlite");
    // field names only: the values of maps keyed by data (rule names, categories) are not fields
    const snakeKeys = (value: unknown, at = "$"): string[] =>
      Array.isArray(value)
        ? value.flatMap((v, i) => snakeKeys(v, `${at}[${i}]`))
        : value !== null && typeof value === "object"
          ? Object.entries(value).flatMap(([k, v]) => [
              ...(/^[a-z]+(_[a-z0-9]+)+$/.test(k) ? [`${at}.${k}`] : []),
              ...(["warningsByCode", "excluded", "excludedByRule", "categories", "perRecord"].includes(k) ? [] : snakeKeys(v, `${at}.${k}`)),
            ])
          : [];
    const json = async (args: string[]) => {
      const r = await lab([...args, "--db", db, "--json"]);
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      return r.stdout
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as unknown);
    };
    const outputs = {
      synth: await json(["synth", "--records", "120", "--seed", "5", "--split-seed", "9"]),
      datasets: await json(["datasets"]),
      split: await json(["split", "--seed", "3"]),
      stats: await json(["stats"]),
      records: await json(["records", "--limit", "3"]),
    };
    for (const [command, values] of Object.entries(outputs)) expect(snakeKeys(values), command).toEqual([]);
    const [synth] = outputs.synth as [{ split: { seed: number }; csvPath: string; datasetId: number }];
    expect(synth.split.seed).toBe(9);
    expect(synth.csvPath).toMatch(/synthetic-seed5-120\.csv$/);
    expect(outputs.datasets[0]).toEqual([expect.objectContaining({ id: synth.datasetId, records: 120, createdAt: expect.any(String) })]);
    expect(outputs.records).toHaveLength(3);
    expect(outputs.records[0]).toMatchObject({ sourceId: expect.any(String), descriptionLabels: expect.any(Array), labelSpans: expect.any(Array) });
  });

  it("uses the app's data folder when --db is not given", async () => {
    const home = tempDir();
    const file = join(home, "x.csv");
    writeFileSync(file, "description,conclusion\nNodule EU-TIRADS 3,Goitre\n");
    expect((await lab(["import", file], { COLLAPSE_LAB_HOME: home })).status).toBe(0);
    expect(existsSync(join(home, "workspace.sqlite"))).toBe(true);
  });
});
