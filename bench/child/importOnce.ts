/** Imports one file into a fresh workspace and prints {rows, seconds, maxRssMB} — run as a child so peak memory is the import's own. */
import { openDatabase } from "../../electron/core/db/openDatabase";
import { importDataset } from "../../electron/core/data/importing/importDataset";

const [file, dbFile] = process.argv.slice(2);
if (!file || !dbFile) throw new Error("usage: importOnce <file> <db>");
const db = openDatabase(dbFile);
const t0 = performance.now();
const report = await importDataset(db, { file });
const seconds = (performance.now() - t0) / 1000;
db.close();
process.stdout.write(JSON.stringify({ rows: report.rowsRead, seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }) + "\n");
