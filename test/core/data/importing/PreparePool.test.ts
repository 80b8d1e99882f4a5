import { describe, expect, it } from "vitest";
import { PreparePool } from "../../../../electron/core/data/importing/PreparePool";
import { prepareRow } from "../../../../electron/core/data/importing/prepareRow";
import { generateCorpus } from "../../../../electron/core/data/synth";

const reports = generateCorpus({ records: 3000, seed: 11 }).map((r, i) => ({
  sourceId: String(i),
  description: r.description,
  additional: r.additional ?? null,
  conclusion: r.conclusion,
}));

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const [i, x] of items.entries()) {
    if (i % 700 === 0) await new Promise((r) => setTimeout(r, 5));
    yield x;
  }
}

describe("PreparePool (import rows prepared on a worker thread)", () => {
  it("gives every row, in input order, exactly what preparing it inline gives", async () => {
    const pool = new PreparePool({ threads: 1 });
    const out: { id: string | null; hash: string }[] = [];
    try {
      for await (const { item, prepared } of pool.map(slowly(reports), (r) => r)) {
        expect(prepared).toEqual(prepareRow(item));
        out.push({ id: item.sourceId, hash: prepared.contentHash });
      }
    } finally {
      await pool.close();
    }
    expect(out.map((x) => x.id)).toEqual(reports.map((r) => r.sourceId));
    expect(new Set(out.map((x) => x.hash)).size).toBeGreaterThan(2900);
  });

  it("inline (threads: 0) gives the same rows", async () => {
    const pool = new PreparePool({ threads: 0 });
    const ids: (string | null)[] = [];
    for await (const { item } of pool.map(slowly(reports.slice(0, 1100)), (r) => r)) ids.push(item.sourceId);
    expect(ids).toEqual(reports.slice(0, 1100).map((r) => r.sourceId));
  });
});
