import type { Envelope } from "../shared/api/errors";
import type { LabEvent } from "../shared/api/events";

/** main → core host, and back: one call per id, events unsolicited. */
export type HostRequest = { id: number; channel: string; args: unknown };
export type HostMessage =
  { type: "reply"; id: number; envelope: Envelope<unknown> } | { type: "event"; event: LabEvent } | { type: "ready" } | { type: "fatal"; message: string };
