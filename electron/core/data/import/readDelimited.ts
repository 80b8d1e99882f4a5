import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import { ImportError } from "./ImportError";
import { iconvName, repairLossless } from "./detectEncoding";
import { MAX_FIELD_CHARS } from "./checkRows";
import { rowValues } from "./mapColumns";
import type { DetectedEncoding, ReportField, TableRow } from "./types";

/** A memory guard while parsing: no row of real reports comes near it (checkRows limits each field far lower). */
const MAX_RECORD_CHARS = 64 * MAX_FIELD_CHARS;

const PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: "a quoted field is never closed",
  CSV_INVALID_CLOSING_QUOTE: "a closing quote is followed by text instead of a delimiter",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "the row has a different number of fields than the header",
  CSV_RECORD_INCONSISTENT_COLUMNS: "the row has a different number of fields than the header",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "text after a closing quote",
  CSV_MAX_RECORD_SIZE: `the row is longer than ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters: the file is damaged or a quote is never closed`,
};

export type DelimitedSource = {
  file: string;
  encoding: DetectedEncoding;
  delimiter: string;
  index: Partial<Record<ReportField, number>>;
  repair: boolean;
  /** the header's cells, to name a column in a problem */
  headers: string[];
  signal?: AbortSignal;
  onBytes?: (bytes: number) => void;
};

function lineBreaksInside(fields: string[]): number {
  let n = 0;
  for (const f of fields) if (f.includes("\n") || f.includes("\r")) n += (f.match(/\r\n|\r|\n/g) ?? []).length;
  return n;
}

/** Streams a delimited file (CSV/TSV): decoded on the fly, parsed by csv-parse, header skipped. */
export async function* readDelimited(src: DelimitedSource): AsyncGenerator<TableRow> {
  const raw = createReadStream(src.file, { highWaterMark: 1 << 16, ...(src.signal ? { signal: src.signal } : {}) });
  let bytes = 0;
  raw.on("data", (chunk) => {
    bytes += chunk.length;
    src.onBytes?.(bytes);
  });
  const parser = parse({
    delimiter: src.delimiter,
    bom: true,
    encoding: "utf8",
    info: true,
    relax_quotes: true,
    relax_column_count: false,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // csv-parse works on UTF-8 bytes: hand it the file's own bytes when they are UTF-8 (no decode and
  // re-encode round trip), and iconv-lite's UTF-8 re-encoding of the Russian code pages and UTF-16 otherwise
  const utf8 = src.encoding === "utf-8" || src.encoding === "utf-8-bom";
  raw.on("error", (e) => parser.destroy(e));
  if (utf8) raw.pipe(parser);
  else {
    const decoded = raw.pipe(iconv.decodeStream(iconvName(src.encoding)));
    decoded.on("error", (e: Error) => parser.destroy(e));
    decoded.pipe(iconv.encodeStream("utf-8")).pipe(parser);
  }

  // csv-parse counts a CRLF inside a quoted field as two lines, so count line breaks ourselves: the
  // record's own line, the breaks inside its (quoted) fields, and the empty lines it skipped. (Its
  // `raw` option would give them directly, at the cost of a second string of every record: a third
  // of a million-row import's parse time.)
  let nextLine = 1;
  let emptySeen = 0;
  let row = 0;
  let header = true;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { empty_lines: number } }>) {
      nextLine += item.info.empty_lines - emptySeen;
      emptySeen = item.info.empty_lines;
      const start = nextLine;
      nextLine += 1 + lineBreaksInside(item.record);
      if (header) {
        header = false;
        continue;
      }
      row++;
      if (!src.repair) {
        yield { row, line: start, values: rowValues(item.record, src.index) };
        continue;
      }
      let problem: string | undefined;
      const used = new Set(Object.values(src.index));
      const cells = item.record.map((cell, i) => {
        const repaired = repairLossless(cell);
        if (repaired !== null) return repaired;
        if (used.has(i))
          problem ??=
            `column "${src.headers[i] ?? i + 1}" looks encoded twice (UTF-8 read as Windows-1251) ` +
            "but cannot be repaired without losing characters; export the file again as UTF-8";
        return cell;
      });
      yield { row, line: start, values: rowValues(cells, src.index), ...(problem ? { problem } : {}) };
    }
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    const e = error as { code?: string; lines?: number; message: string };
    throw new ImportError(
      src.file,
      e.code ? (PROBLEMS[e.code] ?? e.message) : e.message,
      e.code === "CSV_QUOTE_NOT_CLOSED" ? nextLine : (e.lines ?? nextLine),
      null,
    );
  } finally {
    raw.destroy();
  }
}
