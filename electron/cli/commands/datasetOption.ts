import type { Db } from "../../core/db/openDatabase";
import { getDataset, listDatasets, type DatasetRow } from "../../core/db/queries/datasets";
import { DELIMITERS, DELIMITER_NAMES, type Delimiter } from "../../shared/domain/imports";

/** --dataset <id>, or the newest dataset when omitted. */
export function resolveDataset(db: Db, idOption: string | undefined): DatasetRow {
  if (idOption !== undefined) {
    const id = Number(idOption);
    if (!Number.isInteger(id) || id <= 0) throw new Error(`--dataset must be a dataset id (a positive integer), got "${idOption}"`);
    const ds = getDataset(db, { id });
    if (!ds) throw new Error(`no dataset with id ${id}; run "lab datasets" to list them`);
    return ds;
  }
  const all = listDatasets(db);
  const latest = all[all.length - 1];
  if (!latest) throw new Error('the workspace has no dataset yet; run "lab import <file>" or "lab synth"');
  return latest;
}

export function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`a seed must be an integer from 0 to 4294967295, got "${text}"`);
  return n;
}

export function parseCount(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${option} must be a positive integer, got "${text}"`);
  return n;
}

/** --delimiter: a character, its name ("tab" where a shell makes a tab awkward), or \t. */
export function parseDelimiter(text: string): Delimiter {
  const wanted = text.toLowerCase() === "\\t" ? "\t" : text.toLowerCase();
  const d = DELIMITERS.find((c) => c === wanted || DELIMITER_NAMES[c] === wanted);
  if (!d) throw new Error(`--delimiter must be one of , ; tab (or comma, semicolon), got "${text}"`);
  return d;
}
