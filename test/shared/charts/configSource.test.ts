import { describe, expect, test } from "vitest";
import { chartConfigSource } from "../../../electron/shared/charts/configSource";
import { collapseChart } from "../../../electron/shared/charts/collapseChart";
import { opaqueBackground } from "../../../electron/shared/charts/opaqueBackground";

describe("a chart config as JavaScript source for a static page", () => {
  const config = collapseChart(
    [
      {
        model: "m</script><b>",
        design: "recursive",
        points: [
          { generation: 0, value: 1, low: 0.5, high: 1.5, seeds: 1 },
          { generation: 1, value: 0.25, low: null, high: null, seeds: 1 },
        ],
      },
    ],
    "kl_unigram_vs_real",
    { generation: "Generation", noiseFloor: "noise floor", design: (d) => d },
  );
  const withPlugin = { ...config, plugins: [opaqueBackground] };
  const source = chartConfigSource(withPlugin);
  const revived = new Function(`return ${source};`)() as typeof withPlugin;

  test("data survives exactly; no text can close the surrounding script", () => {
    expect(source).not.toContain("</script");
    expect(source).not.toContain("<b>");
    expect(JSON.parse(JSON.stringify(revived))).toEqual(JSON.parse(JSON.stringify(withPlugin)));
  });

  test("the callbacks work without the module they came from", () => {
    const filter = revived.options!.plugins!.legend!.labels!.filter!;
    expect(filter({ datasetIndex: 0 } as never, revived.data as never)).toBe(false);
    expect(filter({ datasetIndex: 2 } as never, revived.data as never)).toBe(true);
    const tick = (revived.options!.scales!.x as { ticks: { callback: (v: number) => string } }).ticks.callback;
    expect(tick(4)).toBe("M4");
    const calls: string[] = [];
    const ctx = new Proxy(
      {},
      { get: (_t, k) => (typeof k === "string" && ["save", "fillRect", "restore"].includes(k) ? () => calls.push(k) : undefined), set: () => true },
    );
    (revived.plugins[0]!.beforeDraw as (c: unknown) => void)({ ctx, width: 10, height: 10 });
    expect(calls).toEqual(["save", "fillRect", "restore"]);
  });
});
