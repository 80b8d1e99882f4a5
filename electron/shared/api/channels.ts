/**
 * Every channel of the app's API, by name. Kept free of zod so the preload bundle stays tiny;
 * contract.ts checks at compile time that it defines exactly these.
 */
export const CHANNELS = [
  "app.info",
  "datasets.list",
  "datasets.upload",
  "datasets.preview",
  "datasets.import",
  "datasets.synth",
  "datasets.stats",
  "datasets.split",
  "records.list",
  "models.list",
  "models.add",
  "models.buildDefaults",
  "models.backend",
  "studies.list",
  "studies.create",
  "studies.createFromFile",
  "studies.run",
  "studies.resume",
  "studies.cancel",
  "studies.status",
  "results.metrics",
  "results.samples",
  "results.export",
  "results.compare",
  "operations.cancel",
] as const;

export type Channel = (typeof CHANNELS)[number];

/** The name of the one event stream (IPC channel in Electron, /api/events over HTTP). */
export const EVENTS_CHANNEL = "lab.event";

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}
