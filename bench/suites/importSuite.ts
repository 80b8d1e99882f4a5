import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { rmSync } from "node:fs";
import type { BenchSuite } from "../BenchResult";

const tsx = (script: string, ...args: string[]) =>
  execFileSync(process.execPath, ["--import", "tsx", join("bench", "child", script), ...args], { encoding: "utf8", maxBuffer: 1 << 26 });

export const importSuite: BenchSuite = {
  name: "import",
  async run(ctx) {
    for (const n of ctx.quick ? [7286] : [7286, 1_000_000]) {
      const csv = join(ctx.tmp, `synth-${n}.csv`);
      ctx.log(`writing a ${n}-record synthetic CSV…`);
      tsx("writeSyntheticCsv.ts", csv, String(n));
      const db = join(ctx.tmp, `import-${n}.sqlite`);
      const r = JSON.parse(tsx("importOnce.ts", csv, db)) as { rows: number; seconds: number; maxRssMB: number };
      const label = n.toLocaleString("en-US");
      ctx.record({ name: `import ${label} records: time`, value: r.seconds, unit: "s", target: n === 7286 ? "< 1 s" : "< 60 s" });
      ctx.record({ name: `import ${label} records: speed`, value: r.rows / r.seconds, unit: "records/s" });
      ctx.record({ name: `import ${label} records: peak memory`, value: r.maxRssMB, unit: "MB (max RSS)", ...(n > 7286 ? { target: "< 500 MB" } : {}) });
      rmSync(csv, { force: true });
    }
  },
};
