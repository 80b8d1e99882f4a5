import { describe, expect, it } from "vitest";
import { oneAtATime } from "../../../electron/core/generate/oneAtATime";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("oneAtATime", () => {
  it("runs work in the order it was asked for, each after the one before has ended, a failure included", async () => {
    const inTurn = oneAtATime();
    const events: string[] = [];
    const job = (name: string, ms: number, fail = false) =>
      inTurn(async () => {
        events.push(`start ${name}`);
        await tick(ms);
        events.push(`end ${name}`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([job("a", 40, true), job("b", 5), job("c", 1)]);
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual(["a failed", "b", "c"]);
  });
});
