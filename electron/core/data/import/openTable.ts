import { closeSync, openSync, readSync, statSync } from "node:fs";
import { extname } from "node:path";
import iconv from "iconv-lite";
import { ImportError } from "./ImportError";
import { detectEncoding, iconvName, looksDoubleEncoded, parseEncodingName, repairDoubleEncoding } from "./detectEncoding";
import { mapColumns, rowValues } from "./mapColumns";
import { sniffDelimiter } from "./sniffDelimiter";
import { readDelimited } from "./readDelimited";
import { readXlsx, readXlsxRows } from "./readXlsx";
import { readJsonArray, readJsonLines, type JsonObjectRow } from "./readJson";
import type { Delimiter, DetectedEncoding, DetectedTable, OpenTableOptions, TableFormat, TableRow } from "./types";
import { DELIMITER_NAMES } from "../../../shared/domain/imports";
import { checkRows } from "./checkRows";

const SAMPLE_BYTES = 1 << 16;

function readSample(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (error) {
    throw new ImportError(file, `cannot open the file (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, SAMPLE_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) return text.slice(0, i);
  }
  return text;
}

function sniffFormat(file: string, sample: Buffer, text: string): TableFormat {
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) return "xlsx";
  const t = text.replace(/^\ufeff/, "").trimStart();
  if (t.startsWith("[")) return "json";
  if (t.startsWith("{")) return "jsonl";
  if (sample.length === 0) throw new ImportError(file, "the file is empty");
  return extname(file).toLowerCase() === ".tsv" || sniffDelimiter(firstLine(t)) === "\t" ? "tsv" : "csv";
}

async function firstJsonRow(rows: AsyncGenerator<JsonObjectRow>): Promise<JsonObjectRow | null> {
  const r = await rows.next();
  return r.done ? null : r.value;
}

/**
 * Opens an export for streaming: detects format, encoding, delimiter and columns from the first
 * 64 KB, and returns the rows as an async iterable. Fatal problems throw ImportError.
 */
export async function openTable(file: string, options: OpenTableOptions = {}): Promise<{ detected: DetectedTable; rows: AsyncIterable<TableRow> }> {
  const totalBytes = statSync(file).size;
  const sample = readSample(file);
  const onBytes = (bytesRead: number) => options.onProgress?.({ bytesRead, totalBytes });
  const isZip = sample[0] === 0x50 && sample[1] === 0x4b;
  const encoding: DetectedEncoding | null = isZip ? null : options.encoding ? parseEncodingName(options.encoding) : detectEncoding(sample);
  const text = encoding ? iconv.decode(sample, iconvName(encoding)) : "";
  const sniffed = options.format ?? sniffFormat(file, sample, text);
  // a chosen delimiter decides between CSV and TSV; other formats have none
  const format = options.delimiter && (sniffed === "csv" || sniffed === "tsv") ? (options.delimiter === "\t" ? "tsv" : "csv") : sniffed;
  const warnings: string[] = [];
  const columns = (headers: string[]) => {
    const mapped = mapColumns(file, headers, options.map, options.allowMissingColumns);
    if (mapped.unmapped.length) warnings.push(`unmapped ${format.startsWith("json") ? "fields" : "columns"}: ${mapped.unmapped.join(", ")}`);
    return mapped;
  };

  if (format === "xlsx") {
    const first = await readXlsxRows(file, options.signal).next();
    if (first.done) throw new ImportError(file, "the worksheet is empty: no header row");
    const headers = first.value.cells.map((c) => c ?? "");
    const { mapping, index, missing } = columns(headers);
    return {
      detected: { file, format, encoding: null, delimiter: null, headers, mapping, missing, warnings },
      rows: checkRows(file, readXlsx(file, index, options.signal), mapping, options.onBadRow),
    };
  }

  if (format === "json" || format === "jsonl") {
    const open = () => (format === "json" ? readJsonArray(file, encoding!) : readJsonLines(file, encoding!, options.signal, onBytes));
    const first = await firstJsonRow(open());
    if (!first) throw new ImportError(file, "the file holds no records");
    const headers = Object.keys(first.object);
    const { mapping, index, missing } = columns(headers);
    async function* rows(): AsyncGenerator<TableRow> {
      let row = 0;
      for await (const r of open()) {
        row++;
        yield {
          row,
          line: r.line,
          values: rowValues(
            headers.map((h) => r.object[h] as unknown),
            index,
          ),
        };
      }
    }
    return {
      detected: { file, format, encoding, delimiter: null, headers, mapping, missing, warnings },
      rows: checkRows(file, rows(), mapping, options.onBadRow),
    };
  }

  const header = firstLine(text.replace(/^\ufeff/, ""));
  const delimiter = options.delimiter ?? (format === "tsv" ? "\t" : sniffDelimiter(header));
  const repair = looksDoubleEncoded(text);
  if (repair) warnings.push("the text was encoded twice (UTF-8 read as Windows-1251 and saved again); repaired");
  const cells = header.split(delimiter).map((h) => h.replace(/^"|"$/g, "").replace(/""/g, '"'));
  const headers = repair ? cells.map(repairDoubleEncoding) : cells;
  const { mapping, index, missing } = delimitedColumns(file, headers, delimiter, options.delimiter !== undefined, columns);
  return {
    detected: { file, format, encoding, delimiter, headers, mapping, missing, warnings },
    rows: checkRows(
      file,
      readDelimited({ file, encoding: encoding!, delimiter, index, repair, headers, ...(options.signal ? { signal: options.signal } : {}), onBytes }),
      mapping,
      options.onBadRow,
    ),
  };
}

/** A header that maps to nothing may have been split at the wrong character: say which was sniffed. */
function delimitedColumns<T>(file: string, headers: string[], delimiter: Delimiter, chosen: boolean, columns: (headers: string[]) => T): T {
  try {
    return columns(headers);
  } catch (error) {
    if (chosen || !(error instanceof ImportError)) throw error;
    throw new ImportError(
      file,
      `${error.problem}; the header was split at each ${DELIMITER_NAMES[delimiter]} (sniffed); if the file uses another delimiter, choose it (--delimiter)`,
    );
  }
}

/** What an import report and a preview say was detected: the same fields, warnings as notes. */
export function detectionSummary(d: DetectedTable) {
  return { format: d.format, encoding: d.encoding, delimiter: d.delimiter, headers: d.headers, mapping: d.mapping, notes: d.warnings };
}
