import { cpus, totalmem } from "node:os";

/** One row of bench/results.json. `ratio` is value / baseline_value. */
export type BenchResult = {
  /** the suite that measured it (a run of some suites keeps the other suites' last results) */
  suite: string;
  name: string;
  value: number;
  unit: string;
  baseline_name?: string;
  baseline_value?: number;
  ratio?: number;
  target?: string;
  machine: string;
  date: string;
};

export type BenchContext = {
  /** scratch folder, removed after the run */
  tmp: string;
  quick: boolean;
  record: (r: Omit<BenchResult, "machine" | "date" | "suite">) => void;
  log: (message: string) => void;
};

export type BenchSuite = {
  name: string;
  /** a long suite that runs only when named (`npm run bench -- oneB`), not in a plain `npm run bench` */
  onlyWhenNamed?: boolean;
  run: (ctx: BenchContext) => Promise<void>;
};

export function machineDescription(): string {
  const cpu = cpus();
  return (
    `${cpu[0]?.model.trim() ?? "cpu"} × ${cpu.length}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `node ${process.version}, ${process.platform}-${process.arch}`
  );
}
