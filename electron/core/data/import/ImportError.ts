import { basename } from "node:path";

/** A fatal problem with an import file; the message names the file, the line or row, and the problem. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly line: number | null = null,
    readonly row: number | null = null,
  ) {
    super(`${basename(file)}: ${line !== null ? `line ${line}: ` : row !== null ? `row ${row}: ` : ""}${problem}`);
    this.name = "ImportError";
  }
}
