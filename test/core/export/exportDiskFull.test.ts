import { describe, expect, test } from "vitest";
import { join } from "node:path";
import { readdirSync, statSync } from "node:fs";
import { exportStudy } from "../../../electron/core/export/exportStudy";
import { exportableStudy } from "../../fixtures/exportableStudy";
import { useTempDir } from "../../helpers/tempDir";
import { useSmallDisk } from "../../helpers/smallDisk";

const tempDir = useTempDir();
const disk = useSmallDisk();

/** Every file under a folder, with its size. */
function listing(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listing(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe("an export that meets a full disk", () => {
  test("fails naming the folder, leaves no file (half-written or not), and succeeds once there is room", async () => {
    const { db, studyId } = await exportableStudy(tempDir());
    // room for the small metrics.csv but not for everything: which file meets the full disk depends on the study's size
    const out = disk.mount(64);
    const error = (await exportStudy(db, { experimentId: studyId, dir: out, formats: ["csv", "jsonl", "html"] }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`the disk holding ${out} is full`);
    expect(error.message).toMatch(/(samples\.jsonl|report\.html) could not be written \(ENOSPC\)/);
    expect(listing(out)).toEqual([]);

    disk.resize(out, 16 * 1024);
    const r = await exportStudy(db, { experimentId: studyId, dir: out, formats: ["csv", "jsonl", "html"] });
    expect(r.files).toEqual(["metrics.csv", "samples.jsonl", "report.html"]);
    expect(listing(out).sort()).toEqual(["metrics.csv", "report.html", "samples.jsonl"]);
    for (const f of r.files) expect(statSync(join(out, f)).size).toBeGreaterThan(0);
    db.close();
  });
});
