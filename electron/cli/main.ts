#!/usr/bin/env node
import { runCli } from "./runCli";

const interrupt = new AbortController();
let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  interrupt.abort(new Error("interrupted"));
});
process.on("SIGTERM", () => interrupt.abort(new Error("terminated")));

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  signal: interrupt.signal,
});
// at once, as before: a failed command may leave a worker or timer that would hold the process open
if (code !== 0) process.exit(code);
