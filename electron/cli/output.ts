import type { CliIo } from "./cliRun";

/** Every command prints either machine-readable JSON (--json) or text for people, never both. */
export type Output = {
  json: boolean;
  /** the command's result: JSON on stdout with --json, else the human rendering */
  result(value: unknown, human: () => string): void;
  /** one line of a streamed result on stdout (JSON Lines with --json) */
  line(text: string): void;
  /** progress/info for people, on stderr so stdout stays clean */
  info(message: string): void;
};

export function createOutput(json: boolean, io: Pick<CliIo, "stdout" | "stderr">): Output {
  return {
    json,
    result(value, human) {
      io.stdout(json ? JSON.stringify(value) + "\n" : human() + "\n");
    },
    line(text) {
      io.stdout(text + "\n");
    },
    info(message) {
      if (!json) io.stderr(message + "\n");
    },
  };
}

export function table(rows: (string | number | null | undefined)[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const cells = all.map((r) => r.map((c) => (c === null || c === undefined ? "—" : String(c))));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c + " ".repeat(widths[i]! - [...c].length))
      .join("  ")
      .trimEnd();
  const out = cells.map(line);
  if (header) out.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return out.join("\n");
}
