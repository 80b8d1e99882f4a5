import type { Channel } from "./channels";
import type { ParsedRequestOf, RequestOf, ResponseOf } from "./contract";
import type { Envelope } from "./errors";
import type { LabEvent } from "./events";

/** The core side: one function per channel, receiving validated arguments. */
export type Handlers = { [C in Channel]: (args: ParsedRequestOf<C>) => Promise<ResponseOf<C>> };

/** The caller side: one method per channel (what window.lab and the HTTP client both are). */
export type LabMethods = { [C in Channel]: (args: RequestOf<C>) => Promise<ResponseOf<C>> };

/** window.lab in Electron: the contract's methods plus the event stream. */
export type LabApi = LabMethods & {
  /** subscribes to progress events; returns the unsubscribe function */
  onEvent(listener: (event: LabEvent) => void): () => void;
};

/** How a transport sends one call and gets its envelope back. */
export type RawInvoke = (channel: Channel, args: unknown) => Promise<Envelope<unknown>>;
