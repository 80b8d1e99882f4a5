import { describe, expect, test } from "vitest";
import { CHANNELS, type Channel } from "../../../electron/shared/api/channels";
import { validateRequest } from "../../../electron/shared/api/validate";
import { ApiError } from "../../../electron/shared/api/errors";

type Case = { args: unknown; field: string; says?: RegExp };
const spec = { name: "s", models: ["tiny-mistral"] };

/** Per channel: one valid argument, then bad ones (wrong type, missing, extra, out of range) and the field each must name. */
const TABLE: Record<Channel, { valid: unknown; bad: Case[] }> = {
  "app.info": {
    valid: {},
    bad: [
      { args: { x: 1 }, field: "", says: /unknown field "x"/ },
      { args: 5, field: "", says: /expected object/ },
    ],
  },
  "datasets.list": {
    valid: {},
    bad: [
      { args: { all: true }, field: "", says: /unknown field "all"/ },
      { args: [], field: "", says: /expected object/ },
    ],
  },
  "datasets.import": {
    valid: { path: "/tmp/a.csv", map: { description: "Текст" }, encoding: "cp1251" },
    bad: [
      { args: {}, field: "path", says: /required/ },
      { args: { path: 7 }, field: "path", says: /expected string/ },
      { args: { path: "  " }, field: "path", says: /file path is required/ },
      { args: { path: "/a.csv", encoding: "latin-9" }, field: "encoding" },
      { args: { path: "/a.csv", map: { diagnosis: "X" } }, field: "map" },
      { args: { path: "/a.csv", map: { conclusion: "" } }, field: "map.conclusion" },
      { args: { path: "/a.csv", delimiter: "|" }, field: "delimiter" },
      { args: { path: "/a.csv", delete: true }, field: "", says: /unknown field "delete"/ },
    ],
  },
  "datasets.preview": {
    valid: { path: "/tmp/a.csv", map: { additional: null, conclusion: "Вывод" }, encoding: "koi8-r", delimiter: "\t", rows: 20 },
    bad: [
      { args: {}, field: "path", says: /required/ },
      { args: { path: "/a.csv", rows: 0 }, field: "rows" },
      { args: { path: "/a.csv", rows: 51 }, field: "rows" },
      { args: { path: "/a.csv", delimiter: ":" }, field: "delimiter" },
      { args: { path: "/a.csv", encoding: "latin1" }, field: "encoding" },
      { args: { path: "/a.csv", operationId: "x" }, field: "", says: /unknown field "operationId"/ },
    ],
  },
  "datasets.upload": {
    valid: { fileName: "export.csv", base64: "YWJj" },
    bad: [
      { args: { base64: "YWJj" }, field: "fileName", says: /required/ },
      { args: { fileName: "../etc/passwd", base64: "YWJj" }, field: "fileName", says: /without folders/ },
      { args: { fileName: "a.csv", base64: "" }, field: "base64" },
      { args: { fileName: "a.csv", base64: "YWJj", path: "/x" }, field: "", says: /unknown field "path"/ },
    ],
  },
  "datasets.synth": {
    valid: { records: 100, seed: 42 },
    bad: [
      { args: { records: null }, field: "records", says: /got null/ },
      { args: { records: 5, seed: 1 }, field: "records" },
      { args: { records: 100.5, seed: 1 }, field: "records" },
      { args: { records: 100, seed: -1 }, field: "seed" },
      { args: { records: "100", seed: 1 }, field: "records", says: /expected number, got string/ },
      { args: { records: 100, seed: 1, out: " " }, field: "out", says: /file path is required/ },
      { args: { records: 100, splitSeed: -1 }, field: "splitSeed" },
      { args: { records: 100, seed: 1, path: "/tmp" }, field: "", says: /unknown field "path"/ },
    ],
  },
  "datasets.stats": {
    valid: { datasetId: 1, top: 20 },
    bad: [
      { args: {}, field: "datasetId" },
      { args: { datasetId: 0 }, field: "datasetId" },
      { args: { datasetId: null }, field: "datasetId", says: /got null/ },
      { args: { datasetId: 1, top: 0 }, field: "top" },
    ],
  },
  "datasets.split": {
    valid: { datasetId: 1, seed: 7, ratios: { train: 0.8, val: 0.1, test: 0.1 } },
    bad: [
      { args: {}, field: "datasetId", says: /required/ },
      { args: { datasetId: 1, seed: 2 ** 32 }, field: "seed" },
      { args: { datasetId: 1, ratios: { train: 1.5, val: 0, test: 0 } }, field: "ratios.train" },
      { args: { datasetId: 1, ratios: { train: 0, val: 0, test: 0 } }, field: "ratios", says: /add up to 0/ },
      { args: { datasetId: 1, ratios: { train: 0.7, val: 0.3 } }, field: "ratios.test", says: /required/ },
    ],
  },
  "records.list": {
    valid: { datasetId: 1, offset: 0, limit: 20 },
    bad: [
      { args: { datasetId: 1, afterId: -1 }, field: "afterId" },
      { args: { offset: 0 }, field: "datasetId" },
      { args: { datasetId: 1, limit: 1000 }, field: "limit" },
      { args: { datasetId: 1, offset: -1 }, field: "offset" },
      { args: { datasetId: 1, includeExcluded: "yes" }, field: "includeExcluded" },
      { args: { datasetId: 1, sql: "DROP" }, field: "", says: /unknown field "sql"/ },
    ],
  },
  "models.list": { valid: {}, bad: [{ args: { x: 1 }, field: "" }] },
  "models.add": {
    valid: { path: "/m/model.gguf" },
    bad: [
      { args: {}, field: "path" },
      { args: { path: "/m/model.bin" }, field: "path", says: /GGUF/ },
      { args: { path: "/m/a.gguf", name: "" }, field: "name" },
      { args: { path: "/m/a.gguf", origin: "tiny-default" }, field: "", says: /unknown field "origin"/ },
    ],
  },
  "models.buildDefaults": {
    valid: {},
    bad: [
      { args: { threads: 0 }, field: "threads" },
      { args: { rebuild: "yes" }, field: "rebuild" },
      { args: { threads: "4" }, field: "threads" },
      { args: { dir: "/" }, field: "" },
    ],
  },
  "models.backend": { valid: {}, bad: [{ args: { gpu: "cuda" }, field: "" }] },
  "studies.list": { valid: {}, bad: [{ args: { state: "done" }, field: "" }] },
  "studies.createFromFile": {
    valid: { path: "/tmp/study.yaml", dataset: 2 },
    bad: [
      { args: {}, field: "path", says: /required/ },
      { args: { path: "" }, field: "path", says: /file path is required/ },
      { args: { path: "/s.yaml", dataset: "newest" }, field: "dataset", says: /expected number, got string/ },
    ],
  },
  "studies.create": {
    valid: { spec },
    bad: [
      { args: {}, field: "spec", says: /required/ },
      { args: { spec: { ...spec, name: "" } }, field: "spec.name", says: /needs a name/ },
      { args: { spec: { ...spec, generations: 50 } }, field: "spec.generations" },
      { args: { spec: { ...spec, designs: ["cross"] } }, field: "spec.designs", says: /exactly two models/ },
      { args: { spec: { ...spec, train: { rank: 0 } } }, field: "spec.train.rank" },
      { args: { spec: { ...spec, colour: "red" } }, field: "spec", says: /unknown field "colour"/ },
      { args: { spec, run: true }, field: "", says: /unknown field "run"/ },
    ],
  },
  "studies.run": {
    valid: { id: 1 },
    bad: [
      { args: {}, field: "id" },
      { args: { id: -3 }, field: "id" },
      { args: { id: 1, force: true }, field: "" },
    ],
  },
  "studies.resume": {
    valid: { id: 1 },
    bad: [
      { args: { id: "1" }, field: "id" },
      { args: { id: 1.5 }, field: "id" },
    ],
  },
  "studies.cancel": {
    valid: { id: 2 },
    bad: [
      { args: {}, field: "id" },
      { args: { id: 0 }, field: "id" },
    ],
  },
  "studies.status": {
    valid: { id: 2, logLines: 10 },
    bad: [
      { args: { id: 2, logLines: 0 }, field: "logLines" },
      { args: { id: 2, logLines: 10_000 }, field: "logLines" },
    ],
  },
  "results.metrics": {
    valid: { studyId: 1 },
    bad: [
      { args: { id: 1 }, field: "studyId" },
      { args: { studyId: true }, field: "studyId" },
    ],
  },
  "results.samples": {
    valid: { studyId: 1, generation: 2, limit: 8 },
    bad: [
      { args: { studyId: 1, generation: 0 }, field: "generation" },
      { args: { studyId: 1, limit: 1000 }, field: "limit" },
      { args: { generation: 1 }, field: "studyId" },
    ],
  },
  "results.export": {
    valid: { studyId: 1, dir: "/tmp/out", formats: ["csv"] },
    bad: [
      { args: { studyId: 1 }, field: "dir" },
      { args: { studyId: 1, dir: "/tmp", formats: [] }, field: "formats" },
      { args: { studyId: 1, dir: "/tmp", formats: ["docx"] }, field: "formats[0]" },
    ],
  },
  "results.compare": {
    valid: { studyId: 1, a: { design: "recursive", model: "tiny-mistral" }, b: { design: "cross", model: "tiny-mistral" }, metrics: ["kl_unigram_vs_m1"] },
    bad: [
      { args: { studyId: 1, a: { design: "recursive", model: "m" } }, field: "b" },
      { args: { studyId: 1, a: { design: "", model: "m" }, b: { design: "cross", model: "m" } }, field: "a.design" },
      { args: { studyId: 1, a: { design: "recursive", model: "m" }, b: { design: "cross", model: "m" }, language: "de" }, field: "language" },
    ],
  },
  "operations.cancel": {
    valid: { operationId: "op-1" },
    bad: [
      { args: {}, field: "operationId" },
      { args: { operationId: "" }, field: "operationId" },
    ],
  },
};

describe("the API contract validates every argument", () => {
  test("every channel has cases here", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...CHANNELS].sort());
  });

  for (const channel of CHANNELS) {
    test(`${channel}: accepts a valid argument`, () => {
      expect(() => validateRequest(channel, TABLE[channel].valid)).not.toThrow();
    });
    for (const bad of TABLE[channel].bad) {
      test(`${channel}: rejects ${JSON.stringify(bad.args)}`, () => {
        let error: unknown;
        try {
          validateRequest(channel, bad.args);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ApiError);
        const e = error as ApiError;
        expect(e.code).toBe("invalid-argument");
        expect(e.message.startsWith(`${channel}: `)).toBe(true);
        expect(e.field ?? "").toBe(bad.field);
        if (bad.says) expect(e.message).toMatch(bad.says);
      });
    }
  }

  test("defaults are filled in for the handler", () => {
    expect(validateRequest("records.list", { datasetId: 3 })).toEqual({ datasetId: 3, offset: 0, limit: 20, includeExcluded: false });
    const created = validateRequest("studies.create", { spec });
    expect(created.spec.generations).toBe(5);
    expect(created.spec.train.rank).toBe(8);
    // import-then-split: one behaviour; the window leaves the split seed at its default, the CLI may choose it
    expect(validateRequest("datasets.import", { path: "/a.csv" }).splitSeed).toBe(42);
    expect(validateRequest("datasets.import", { path: "/a.csv", splitSeed: 7 }).splitSeed).toBe(7);
    expect(validateRequest("datasets.synth", {})).toEqual({ records: 7286, seed: 42, splitSeed: 42 });
  });

  test("an unknown channel is refused", () => {
    expect(() => validateRequest("fs.delete" as Channel, {})).toThrow(/unknown channel "fs.delete"/);
  });
});
