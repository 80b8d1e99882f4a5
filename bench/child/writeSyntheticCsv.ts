/** Writes an N-record synthetic CSV in chunks of differently seeded corpora, in bounded memory. */
import { createWriteStream } from "node:fs";
import { generateCorpus, reportsToCsv } from "../../electron/core/data/synth";

const [out, nText] = process.argv.slice(2);
const total = Number(nText);
const CHUNK = 10_000;
const stream = createWriteStream(out!);
let written = 0;
for (let seed = 1; written < total; seed++) {
  const n = Math.min(CHUNK, total - written);
  const reports = generateCorpus({ records: n, seed }).map((r, i) => ({ ...r, sourceId: `B${written + i + 1}` }));
  let csv = reportsToCsv(reports);
  if (written > 0) csv = csv.slice(csv.indexOf("\n") + 1); // header once
  if (!stream.write(csv)) await new Promise<void>((r) => stream.once("drain", () => r()));
  written += n;
}
await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
