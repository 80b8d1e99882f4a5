import { afterEach, describe, expect, test } from "vitest";
import { join } from "node:path";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { dispatch } from "../../../electron/core/api/createHandlers";
import { openApi, type OpenApi } from "../../../electron/core/api/openApi";
import { useTempDir } from "../../helpers/tempDir";
import { dbDump } from "../../helpers/dbDump";
import { exportableStudy } from "../../fixtures/exportableStudy";

const HEADER = "id;Описание;Заключение\n";

function bigExport(dir: string, rows: number): string {
  const file = join(dir, "big.csv");
  const lines = Array.from({ length: rows }, (_, i) => `${i};"Узел ${i} правой доли 1,${i % 10} см. EU-TIRADS ${3 + (i % 3)}";"Узловой зоб ${i}"`);
  writeFileSync(file, HEADER + lines.join("\n") + "\n");
  return file;
}

/** Stops the operation at its first progress event: the call must end as "cancelled" with the store as before. */
function stopAtFirstProgress(api: OpenApi, operationId: string): void {
  let asked = false;
  api.events.on("event", (e) => {
    if (asked || !("operationId" in e) || e.operationId !== operationId) return;
    asked = true;
    void dispatch(api.handlers, "operations.cancel", { operationId }).then((r) => expect(r).toEqual({ ok: true, value: { cancelled: true } }));
  });
}

describe("every long operation can be stopped, leaving the store as before", () => {
  const tempDir = useTempDir();
  let api: OpenApi | null = null;
  afterEach(async () => {
    await api?.close();
    api = null;
  });

  test("import: stopped mid-file, nothing of it is stored; the same file imports afterwards", async () => {
    const dir = tempDir();
    api = openApi({ dbPath: join(dir, "workspace.sqlite") });
    await api.handlers["datasets.synth"]({ records: 60, seed: 3, splitSeed: 42 });
    const before = dbDump(api.db);
    const file = bigExport(dir, 20_000);
    stopAtFirstProgress(api, "imp-1");
    const r = await dispatch(api.handlers, "datasets.import", { path: file, operationId: "imp-1" });
    expect(r).toMatchObject({ ok: false, error: { code: "cancelled" } });
    expect(dbDump(api.db)).toEqual(before);
    const again = await dispatch(api.handlers, "datasets.import", { path: file, operationId: "imp-2" });
    expect(again).toMatchObject({ ok: true, value: { status: "imported", rowsImported: 20_000 } });
  });

  test("synthetic generation: stopped, no dataset is added", async () => {
    const dir = tempDir();
    api = openApi({ dbPath: join(dir, "workspace.sqlite") });
    const before = dbDump(api.db);
    stopAtFirstProgress(api, "syn-1");
    const r = await dispatch(api.handlers, "datasets.synth", { records: 20_000, seed: 5, operationId: "syn-1" });
    expect(r).toMatchObject({ ok: false, error: { code: "cancelled" } });
    expect(dbDump(api.db)).toEqual(before);
    expect(await api.handlers["datasets.list"]({})).toEqual([]);
  });

  test("export: stopped, no file is presented as complete; cancelling an unknown operation says so", async () => {
    const dir = tempDir();
    const { db, dbPath, studyId } = await exportableStudy(dir);
    db.close();
    api = openApi({ dbPath });
    const out = join(dir, "out");
    const running = dispatch(api.handlers, "results.export", { studyId, dir: out, operationId: "exp-1" });
    expect(await dispatch(api.handlers, "operations.cancel", { operationId: "exp-1" })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: "cancelled" } });
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(await dispatch(api.handlers, "operations.cancel", { operationId: "exp-1" })).toEqual({ ok: true, value: { cancelled: false } });
  });
});
