import { afterEach, describe, expect, it } from "vitest";
import { MetricsThread } from "../../../electron/core/metrics/MetricsThread";
import { generationMetrics } from "../../../electron/core/metrics/generationMetrics";

describe("MetricsThread (one metrics worker for many computations)", () => {
  const input = {
    outputs: ["узел EU-TIRADS 3", "узлов нет", "узел EU-TIRADS 4"],
    real: ["узел EU-TIRADS 3", "узел EU-TIRADS 3", "узлов нет"],
    realPool: ["a b", "c d", "e"],
  };
  const other = { ...input, outputs: ["узлов нет", "узлов нет", "узел EU-TIRADS 5"] };
  let thread: MetricsThread;
  afterEach(() => thread.close());

  it("answers computations in a row, and at once, each with exactly what generationMetrics returns in this thread", async () => {
    thread = new MetricsThread();
    expect(await thread.compute(input, { bootstrap: 50, seed: 4 })).toEqual(generationMetrics(input, { bootstrap: 50, seed: 4 }));
    expect(await thread.compute(other, { bootstrap: 50, seed: 4 })).toEqual(generationMetrics(other, { bootstrap: 50, seed: 4 }));
    // replies are matched to their requests, not to the order of asking
    const [a, b] = await Promise.all([thread.compute(other, { bootstrap: 30, seed: 2 }), thread.compute(input, { bootstrap: 30, seed: 2 })]);
    expect(a).toEqual(generationMetrics(other, { bootstrap: 30, seed: 2 }));
    expect(b).toEqual(generationMetrics(input, { bootstrap: 30, seed: 2 }));
  });

  it("keeps working after a bad input's error and after an abort, which rejects with its reason", async () => {
    thread = new MetricsThread();
    await expect(thread.compute({ ...input, real: ["x"] })).rejects.toThrow(/3 outputs but 1 real conclusions/);
    expect(await thread.compute(input, { bootstrap: 0 })).toEqual(generationMetrics(input, { bootstrap: 0 }));
    const controller = new AbortController();
    const rejected = expect(thread.compute(input, { bootstrap: 5000 }, controller.signal)).rejects.toThrow("stopped by the user");
    controller.abort(new Error("stopped by the user"));
    await rejected;
    expect(await thread.compute(input, { bootstrap: 0, seed: 3 })).toEqual(generationMetrics(input, { bootstrap: 0, seed: 3 }));
  });

  it("close rejects what is still waiting", async () => {
    thread = new MetricsThread();
    const rejected = expect(thread.compute(input, { bootstrap: 5000 })).rejects.toThrow("metrics: the metrics thread was closed");
    await thread.close();
    await rejected;
  });
});
