import { describe, expect, it } from "vitest";
import { lab } from "../helpers/runLab";
import { useTempDir } from "../helpers/tempDir";
import { pairedStudy } from "../fixtures/pairedStudy";

const tempDir = useTempDir();

describe("lab compare", () => {
  it("prints the table and the answer sentences; --json gives the comparison", async () => {
    const { db, dbPath, studyId } = pairedStudy(tempDir());
    db.close();
    const human = await lab(["compare", "--study", String(studyId), "--a", "recursive:tiny-a", "--b", "cross:tiny-a", "--db", dbPath]);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain("A = recursive:tiny-a, B = cross:tiny-a; paired by seed (1, 2, 3, 4, 5, 6), generation M3");
    expect(human.stdout).toContain("exact p, Holm");
    expect(human.stdout).toMatch(/recursive vs cross, tiny-a: KL vs M1 at M3 higher by /);
    expect(human.stdout).not.toContain("cannot reach p < 0.05");

    const json = await lab([
      "compare",
      "--study",
      String(studyId),
      "--a",
      "recursive:tiny-a",
      "--b",
      "cross:tiny-a",
      "--metric",
      "distinct_3",
      "--db",
      dbPath,
      "--json",
    ]);
    expect(json.status).toBe(0);
    const c = JSON.parse(json.stdout);
    expect(c.seeds).toEqual([1, 2, 3, 4, 5, 6]);
    expect(c.rows.map((r: { metric: string; summary: string }) => `${r.metric}/${r.summary}`)).toEqual(["distinct_3/last", "distinct_3/slope"]);
  });

  it("says so beside the result with fewer than 6 seeds, and names a missing side", async () => {
    const { db, dbPath, studyId } = pairedStudy(tempDir(), 4);
    db.close();
    const few = await lab(["compare", "--study", String(studyId), "--a", "recursive:tiny-a", "--b", "cross:tiny-a", "--db", dbPath]);
    expect(few.status).toBe(0);
    expect(few.stdout).toContain("With 4 seed(s) the exact sign-flip test cannot reach p < 0.05");
    const missing = await lab(["compare", "--study", String(studyId), "--a", "accumulate:tiny-a", "--b", "cross:tiny-a", "--db", dbPath]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("no metric points for accumulate:tiny-a; it has cross:tiny-a, recursive:tiny-a");
    const bad = await lab(["compare", "--study", String(studyId), "--a", "recursive", "--b", "cross:tiny-a", "--db", dbPath]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("is not design:model");
  });
});
