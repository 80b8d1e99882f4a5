import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../../db/openDatabase";
import { generateCorpus, reportsToCsv } from "../synth";
import { importDataset, type ImportProgress } from "./importDataset";
import type { ImportReport } from "../../../shared/domain/imports";

export type SyntheticOptions = { records: number; seed: number; dir: string; out?: string; signal?: AbortSignal; onProgress?: (p: ImportProgress) => void };

/**
 * Writes the seeded synthetic corpus as a CSV export and imports it through the same path as a
 * user's file, so the default dataset exercises exactly what real data goes through.
 */
export async function importSynthetic(db: Db, options: SyntheticOptions): Promise<{ csvPath: string; report: ImportReport }> {
  if (!Number.isInteger(options.records) || options.records < 1) throw new Error(`--records must be a positive integer, got ${options.records}`);
  const csvPath = options.out ?? join(options.dir, `synthetic-seed${options.seed}-${options.records}.csv`);
  if (!existsSync(csvPath) || options.out) {
    mkdirSync(join(csvPath, ".."), { recursive: true });
    writeFileSync(csvPath, reportsToCsv(generateCorpus({ records: options.records, seed: options.seed })));
  }
  const report = await importDataset(db, {
    file: csvPath,
    kind: "synthetic",
    datasetName: `synthetic (seed ${options.seed}, ${options.records} records)`,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { csvPath, report };
}
