import type { Worker } from "node:worker_threads";
import { startWorker } from "../../workers/startWorker";
import type { RawReport } from "../../../shared/domain/records";
import { prepareRow, type PreparedRow } from "./prepareRow";

const BATCH = 512;
const IN_FLIGHT = 4;

/**
 * Prepares import rows (labels, nodules, hashes: most of an import's CPU time) on a worker thread
 * while the caller parses and inserts, in the caller's order. With `threads: 0` it prepares inline,
 * which is cheaper for small files than starting a worker.
 */
export class PreparePool {
  private readonly worker: Worker | null;
  private readonly waiting = new Map<number, { resolve: (rows: PreparedRow[]) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(options: { threads: 0 | 1 }) {
    if (options.threads === 0) {
      this.worker = null;
      return;
    }
    this.worker = startWorker("prepareRowsWorker", new URL(".", import.meta.url));
    this.worker.on("message", (m: { seq: number; prepared: PreparedRow[] }) => {
      this.waiting.get(m.seq)?.resolve(m.prepared);
      this.waiting.delete(m.seq);
    });
    this.worker.on("error", (e) => this.fail(e));
    this.worker.on("exit", (code) => code !== 0 && this.fail(new Error(`the import worker exited with code ${code}`)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }

  private prepareBatch(seq: number, rows: RawReport[]): Promise<PreparedRow[]> {
    if (!this.worker) return Promise.resolve(rows.map(prepareRow));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker!.postMessage({ seq, rows });
    });
  }

  /** Each item with its prepared row, in input order; up to IN_FLIGHT batches ahead of the caller. */
  async *map<T>(items: AsyncIterable<T>, text: (item: T) => RawReport): AsyncGenerator<{ item: T; prepared: PreparedRow }> {
    const queue: { items: T[]; prepared: Promise<PreparedRow[]> }[] = [];
    let batch: T[] = [];
    let seq = 0;
    const flush = () => {
      const rows = batch.map(text);
      const prepared = this.prepareBatch(seq++, rows);
      prepared.catch(() => undefined); // awaited in order below; a rejection is not unhandled meanwhile
      queue.push({ items: batch, prepared });
      batch = [];
    };
    for await (const item of items) {
      batch.push(item);
      if (batch.length < BATCH) continue;
      flush();
      if (queue.length >= IN_FLIGHT) yield* this.drainOne(queue);
    }
    if (batch.length) flush();
    while (queue.length) yield* this.drainOne(queue);
  }

  private async *drainOne<T>(queue: { items: T[]; prepared: Promise<PreparedRow[]> }[]): AsyncGenerator<{ item: T; prepared: PreparedRow }> {
    const head = queue.shift()!;
    const prepared = await head.prepared;
    for (let i = 0; i < head.items.length; i++) yield { item: head.items[i]!, prepared: prepared[i]! };
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
