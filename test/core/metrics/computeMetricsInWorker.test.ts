import { describe, expect, it } from "vitest";
import { computeMetricsInWorker } from "../../../electron/core/metrics/computeMetricsInWorker";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";

describe("computeMetricsInWorker", () => {
  const input = {
    outputs: ["узел EU-TIRADS 3", "узлов нет", "узел EU-TIRADS 4"],
    real: ["узел EU-TIRADS 3", "узел EU-TIRADS 3", "узлов нет"],
    realPool: ["a b", "c d", "e"],
  };

  it("returns exactly what generationMetrics returns in this thread", async () => {
    expect(await computeMetricsInWorker(input, { bootstrap: 100, seed: 4 })).toEqual(generationMetrics(input, { bootstrap: 100, seed: 4 }));
  });

  it("passes a bad input's error back, and an abort rejects", async () => {
    await expect(computeMetricsInWorker({ ...input, real: ["x"] })).rejects.toThrow(/3 outputs but 1 real conclusions/);
    const controller = new AbortController();
    const pending = computeMetricsInWorker(input, {}, controller.signal);
    controller.abort(new Error("stopped by the user"));
    await expect(pending).rejects.toThrow("stopped by the user");
  });
});
