import type { BatchItem, PrioritizedBatchItem } from "node-llama-cpp";

/**
 * A batch of node-llama-cpp's queued decodes in the order they were queued, each whole while the
 * batch has room; what is left of a long prompt goes into the next batch. Depends on the queue
 * alone, so a queue filled in the same order gives the same batches.
 */
export function fifoBatch({ items, size }: { items: readonly BatchItem[]; size: number }): PrioritizedBatchItem[] {
  const batch: PrioritizedBatchItem[] = [];
  let left = size;
  for (const item of items) {
    if (left <= 0) break;
    const processAmount = Math.min(item.tokens.length, left);
    batch.push({ item, processAmount });
    left -= processAmount;
  }
  return batch;
}
