// Runs a script as Electron runs a utility process: messages through process.parentPort.
import { pathToFileURL } from "node:url";

const script = process.argv.splice(2, 1)[0];
process.parentPort = {
  on: (event, listener) => process.on(event, (data) => listener({ data })),
  postMessage: (message) => process.send(message),
};
await import(pathToFileURL(script).href);
