import { describe, expect, it } from "vitest";
import type { LlamaContextSequence, Token } from "node-llama-cpp";
import { Lockstep } from "../../../electron/core/generate/Lockstep";

/** A stand-in sequence whose evaluation yields `steps` tokens, recording each step it takes. */
function fakeSequence(name: string, log: string[], steps = 3): LlamaContextSequence {
  return {
    async *evaluate() {
      for (let i = 0; i < steps; i++) {
        log.push(`${name}${i}`);
        yield i as Token;
      }
    },
  } as unknown as LlamaContextSequence;
}

const settledWithin = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true, () => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe("Lockstep", () => {
  it("lets a step go only when every member waits, in join order, and stops waiting for a member that leaves", async () => {
    const log: string[] = [];
    const lockstep = new Lockstep();
    const a = fakeSequence("a", log);
    const b = fakeSequence("b", log);
    lockstep.join(a);
    const leaveB = lockstep.join(b);
    const ea = a.evaluate([]);
    const eb = b.evaluate([]);
    const na = ea.next();
    expect(await settledWithin(na, 50)).toBe(false);
    const nb = eb.next();
    await Promise.all([na, nb]);
    expect(log).toEqual(["a0", "b0"]);
    // b's completion ends here and its slot has nothing left: a goes on alone
    await eb.return();
    const na1 = ea.next();
    expect(await settledWithin(na1, 50)).toBe(false);
    leaveB();
    expect(await na1).toEqual({ value: 1, done: false });
    expect(log).toEqual(["a0", "b0", "a1"]);
  });

  it("an abort rejects the members waiting at the barrier with the signal's reason, and any that arrive later", async () => {
    const controller = new AbortController();
    const lockstep = new Lockstep(controller.signal);
    const a = fakeSequence("a", []);
    const b = fakeSequence("b", []);
    lockstep.join(a);
    lockstep.join(b);
    // b never evaluates: without the abort, a would wait for it for ever
    const na = a.evaluate([]).next();
    expect(await settledWithin(na, 50)).toBe(false);
    controller.abort();
    await expect(na).rejects.toThrow(/abort/i);
    await expect(b.evaluate([]).next()).rejects.toThrow(/abort/i);
    lockstep.dispose();
  });
});
