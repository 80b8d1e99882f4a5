// Dev and test only: a worker thread started from TypeScript sources. Node 20 does not carry the
// parent's `--import tsx` hooks into worker threads, so the worker registers tsx itself and then
// loads the real entry (workerData.entry, a file URL). The bundled app starts metricsWorker.js directly.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
