import { createReadStream, readFileSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import iconv from "iconv-lite";
import { ImportError } from "./ImportError";
import { iconvName } from "./detectEncoding";
import type { DetectedEncoding } from "./types";

const MAX_JSON_ARRAY_BYTES = 200 * 1024 * 1024;

export type JsonObjectRow = { line: number; object: Record<string, unknown> };

function asObject(file: string, value: unknown, line: number | null, row: number | null): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new ImportError(file, "each record must be a JSON object", line, row);
  return value as Record<string, unknown>;
}

/** A JSON array of objects (read whole; a bigger file should be JSONL). */
export async function* readJsonArray(file: string, encoding: DetectedEncoding): AsyncGenerator<JsonObjectRow> {
  if (statSync(file).size > MAX_JSON_ARRAY_BYTES)
    throw new ImportError(file, "a JSON array over 200 MB cannot be imported; convert it to JSON Lines (one object per line)");
  let value: unknown;
  try {
    value = JSON.parse(iconv.decode(readFileSync(file), iconvName(encoding)).replace(/^\ufeff/, ""));
  } catch (error) {
    throw new ImportError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new ImportError(file, "a JSON file must hold an array of records");
  for (let i = 0; i < value.length; i++) yield { line: i + 1, object: asObject(file, value[i], null, i + 1) };
}

/** JSON Lines, streamed: one object per line, blank lines skipped. */
export async function* readJsonLines(
  file: string,
  encoding: DetectedEncoding,
  signal?: AbortSignal,
  onBytes?: (n: number) => void,
): AsyncGenerator<JsonObjectRow> {
  const raw = createReadStream(file, signal ? { signal } : {});
  let bytes = 0;
  raw.on("data", (c) => onBytes?.((bytes += c.length)));
  const lines = createInterface({ input: raw.pipe(iconv.decodeStream(iconvName(encoding))), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    const t = line === 1 ? text.replace(/^\ufeff/, "").trim() : text.trim();
    if (!t) continue;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (error) {
      throw new ImportError(file, `not valid JSON (${(error as Error).message})`, line);
    }
    yield { line, object: asObject(file, value, line, null) };
  }
}
