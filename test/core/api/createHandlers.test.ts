import { afterEach, describe, expect, test } from "vitest";
import { join } from "node:path";
import { CHANNELS } from "../../../electron/shared/api/channels";
import { dispatch } from "../../../electron/core/api/createHandlers";
import { openApi, type OpenApi } from "../../../electron/core/api/openApi";
import { useTempDir } from "../../helpers/tempDir";

describe("createHandlers", () => {
  const tempDir = useTempDir();
  let api: OpenApi | null = null;
  afterEach(async () => {
    await api?.close();
    api = null;
  });

  test("every handler validates its argument before reaching core", async () => {
    api = openApi({ dbPath: join(tempDir(), "workspace.sqlite") });
    for (const channel of CHANNELS) {
      const r = await dispatch(api.handlers, channel, { bogus: 1 });
      expect(r.ok, channel).toBe(false);
      if (!r.ok) {
        expect(r.error.code, channel).toBe("invalid-argument");
        expect(r.error.message, channel).toMatch(new RegExp(`^${channel.replace(".", "\\.")}: `));
      }
      // calling the handler directly (no dispatch) validates too
      await expect((api.handlers[channel] as (a: unknown) => Promise<unknown>)({ bogus: 1 }), channel).rejects.toThrow(/bogus/);
    }
  });

  test("imports the synthetic corpus with progress events, pages records with label and nodule spans", async () => {
    api = openApi({ dbPath: join(tempDir(), "workspace.sqlite") });
    const events: string[] = [];
    api.events.on("event", (e) => events.push(`${e.type}:${"operationId" in e ? e.operationId : ""}`));
    const report = await api.handlers["datasets.synth"]({ records: 60, seed: 3, splitSeed: 42, operationId: "op1" });
    expect(report.rowsRead).toBe(60);
    expect(report.split?.counts.train).toBeGreaterThan(0);
    expect(events).toContain("import.progress:op1");
    const page = await api.handlers["records.list"]({ datasetId: report.datasetId, offset: 0, limit: 5, includeExcluded: false });
    expect(page.records).toHaveLength(5);
    const r = page.records.find((x) => x.nodules.length > 0)!;
    for (const s of r.labelSpans) expect((s.field === "description" ? r.description : r.conclusion).slice(s.start, s.end)).toBe(s.raw);
    for (const n of r.nodules) expect(n.end).toBeLessThanOrEqual(r.description.length);
    const missing = await dispatch(api.handlers, "datasets.stats", { datasetId: 99 });
    expect(missing).toMatchObject({ ok: false, error: { code: "not-found", field: "datasetId" } });
  });

  test("export writes the files; an unknown study is named; a study without points has no noise floor", async () => {
    api = openApi({ dbPath: join(tempDir(), "workspace.sqlite") });
    api.db.prepare("INSERT INTO experiments (name, spec_json, spec_source, versions_json, created_at) VALUES ('x', '{}', '', '{}', 'now')").run();
    const r = await dispatch(api.handlers, "results.export", { studyId: 1, dir: tempDir() });
    expect(r).toMatchObject({ ok: true, value: { files: ["metrics.csv", "samples.jsonl", "report.html"] } });
    expect(await dispatch(api.handlers, "results.export", { studyId: 2, dir: tempDir() })).toMatchObject({
      ok: false,
      error: { code: "not-found", field: "studyId" },
    });
    const m = await api.handlers["results.metrics"]({ studyId: 1 });
    expect(m.points).toEqual([]);
    expect(m).toMatchObject({ noiseFloor: {}, notes: [] });
  });
});
