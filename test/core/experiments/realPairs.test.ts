import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { openDatabase } from "../../../electron/core/db/openDatabase";
import { latestSplit, splitAssignments } from "../../../electron/core/db/queries/splits";
import { listRecords } from "../../../electron/core/db/queries/records";
import { realPairs } from "../../../electron/core/experiments/studyData";
import { importSynthetic } from "../../../electron/core/data/importing/importSynthetic";
import { createSplit } from "../../../electron/core/data/split/createSplit";
import { useTempDir } from "../../helpers/tempDir";

const tempDir = useTempDir();

describe("realPairs: the real pairs a study draws from one part of the split", () => {
  it("holds exactly the part's included records, in a seeded order that depends on content, cut to the limit", async () => {
    const dir = tempDir();
    const db = openDatabase(join(dir, "ws.sqlite"));
    const { report } = await importSynthetic(db, { records: 300, seed: 4, dir });
    const datasetId = report.datasetId!;
    createSplit(db, { datasetId, seed: 42 });
    const split = latestSplit(db, { datasetId })!;
    const parts = splitAssignments(db, { splitId: split.id });
    const args = { datasetId, splitId: split.id, seed: 42 };
    const train = realPairs(db, { ...args, part: "train", limit: null });
    const byId = new Map(listRecords(db, { datasetId }).map((r) => [r.id, r]));
    expect(train.length).toBe([...parts.values()].filter((p) => p === "train").length);
    for (const p of train) {
      expect(parts.get(p.recordId)).toBe("train");
      expect(p.conclusion).toBe(byId.get(p.recordId)!.conclusion);
    }
    expect(train.map((p) => p.recordId)).not.toEqual([...train.map((p) => p.recordId)].sort((a, b) => a - b)); // shuffled
    expect(realPairs(db, { ...args, part: "train", limit: null })).toEqual(train);
    expect(realPairs(db, { ...args, part: "train", limit: 10 })).toEqual(train.slice(0, 10));
    expect(realPairs(db, { ...args, seed: 43, part: "train", limit: null })).not.toEqual(train);
    const test = realPairs(db, { ...args, part: "test", limit: null });
    expect(test.every((p) => parts.get(p.recordId) === "test")).toBe(true);
    db.close();
  });
});
