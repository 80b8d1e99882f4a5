import { describe, expect, it } from "vitest";
import { listMetricPoints, toMetricPoint } from "../../../electron/core/db/queries/metricPoints";
import { noiseFloorOf } from "../../../electron/core/metrics/noiseFloor";
import { studyCharts } from "../../../electron/core/export/studyCharts";
import { useTempDir } from "../../helpers/tempDir";
import { exportableStudy } from "../../fixtures/exportableStudy";

const tempDir = useTempDir();

describe("studyCharts", () => {
  it("draws the noise floor the window draws: on the unigram KLs, from generations ≥ 1 only", async () => {
    const { db, studyId } = await exportableStudy(tempDir());
    const charts = studyCharts(listMetricPoints(db, { experimentId: studyId }).map(toMetricPoint));
    const windowFloor = noiseFloorOf(db, { experimentId: studyId });
    db.close();
    const floorOf = (metric: string) => charts.find((c) => c.metric === metric)!.config.data.datasets.find((d) => d.label === "noise floor")?.data[0]?.y;
    expect(windowFloor.kl_unigram_vs_real).toBeCloseTo((0.0123456789012345 * 1 + 0.0123456789012345 * 2) / 2, 15);
    expect(floorOf("kl_unigram_vs_real")).toBe(windowFloor.kl_unigram_vs_real);
    expect(floorOf("kl_unigram_vs_m1")).toBe(windowFloor.kl_unigram_vs_m1);
    expect(floorOf("distinct_3")).toBeUndefined();
    expect(charts.map((c) => c.metric)).not.toContain("kl_noise_floor");
  });
});
