import { parentPort } from "node:worker_threads";
import { prepareRow } from "./prepareRow";
import type { RawReport } from "../../../shared/domain/records";

/** Worker side of PreparePool: prepares batches of rows, answering each with its sequence number. */
parentPort!.on("message", (m: { seq: number; rows: RawReport[] }) => {
  parentPort!.postMessage({ seq: m.seq, prepared: m.rows.map(prepareRow) });
});
