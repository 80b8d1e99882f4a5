import { ApiError } from "../shared/api/errors";
import { parseMapOption } from "../shared/domain/columnMapping";
import { DELIMITERS, DELIMITER_NAMES, type Delimiter } from "../shared/domain/imports";

/** A flag the user wrote wrongly: the same typed error the handlers raise for a bad field. */
export function flagError(flag: string, message: string): ApiError {
  return new ApiError("invalid-argument", message, flag);
}

/**
 * Flag text to the value the contract expects. Only the form is checked here (a whole number);
 * ranges and meaning are the contract's, so the CLI says what the window and the HTTP API say.
 */
export function integerFlag(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw flagError(flag, `${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

/** --delimiter: a character, its name ("tab" where a shell makes a tab awkward), or \t. */
export function parseDelimiter(text: string): Delimiter {
  const wanted = text.toLowerCase() === "\\t" ? "\t" : text.toLowerCase();
  const d = DELIMITERS.find((c) => c === wanted || DELIMITER_NAMES[c] === wanted);
  if (!d) throw flagError("--delimiter", `--delimiter must be one of , ; tab (or comma, semicolon), got "${text}"`);
  return d;
}

/** --dataset <id>, or the newest dataset when omitted. */
export async function datasetIdFlag(list: () => Promise<{ id: number }[]>, text: string | undefined): Promise<number> {
  if (text !== undefined) return integerFlag("--dataset", text);
  const all = await list();
  const newest = all[all.length - 1];
  if (!newest) throw new ApiError("not-found", 'the workspace has no dataset yet; run "lab import <file>" or "lab synth"', "--dataset");
  return newest.id;
}

/** --map "description=Текст,conclusion=Вывод" or a JSON object. */
export function mapFlag(text: string): ReturnType<typeof parseMapOption> {
  try {
    return parseMapOption(text);
  } catch (error) {
    throw flagError("--map", (error as Error).message);
  }
}

/** --limit and the like: a count from 1 up, checked here because no handler sees it. */
export function positiveFlag(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw flagError(flag, `${flag} must be a positive integer, got "${text}"`);
  return n;
}
