import type { Db } from "../../db/openDatabase";
import { deleteDatasetChunk, listPendingDatasets } from "../../db/queries/datasets";
import { deleteImport, findImportByHash } from "../../db/queries/imports";
import { retryWhenBusy } from "../../db/retryWhenBusy";
import { isProcessAlive } from "../../jobs/isProcessAlive";

/** Records deleted per write transaction when a staged import is removed. */
const DELETE_CHUNK_ROWS = 2000;

/** Pending datasets this process is importing right now; any other pending dataset of this pid was left by a failed removal. */
const importing = new Set<number>();

function isLive(d: { id: number; importing_pid: number }): boolean {
  return d.importing_pid === process.pid ? importing.has(d.id) : isProcessAlive(d.importing_pid);
}

/**
 * Inside the write transaction that starts an import: the live import of the same file, if any
 * (the caller refuses to start a second one); an abandoned one (its process died) is forgotten
 * here so that its file can be imported again, and its rows are removed by removeAbandonedImports.
 * On success the caller's dataset is registered as live once it inserts it: see `trackImport`.
 */
export function claimPendingImport(db: Db, sha256: string): { importing_pid: number } | null {
  const existing = findImportByHash(db, { sha256 });
  if (!existing) return null;
  const pending = listPendingDatasets(db).find((d) => d.id === existing.dataset_id);
  if (!pending) return null;
  if (isLive(pending)) return pending;
  // keep the rows for chunked removal, but free the file's hash for this import
  deleteImport(db, { id: existing.id });
  return null;
}

export function trackImport(datasetId: number): void {
  importing.add(datasetId);
}

/** Deletes a staged dataset in short write transactions, so readers and other writers keep going. */
export async function removePendingDataset(db: Db, datasetId: number): Promise<void> {
  importing.delete(datasetId);
  while (!(await retryWhenBusy(() => deleteDatasetChunk(db, { id: datasetId, limit: DELETE_CHUNK_ROWS })))) {
    await new Promise((r) => setImmediate(r));
  }
}

/** Removes what imports of processes that died (or failed removals) left staged. */
export async function removeAbandonedImports(db: Db): Promise<number> {
  const abandoned = listPendingDatasets(db).filter((d) => !isLive(d));
  for (const d of abandoned) await removePendingDataset(db, d.id);
  return abandoned.length;
}
