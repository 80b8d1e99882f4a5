import { CHANNELS, type Channel } from "./channels";
import { unwrap } from "./errors";
import type { LabMethods, RawInvoke } from "./types";

/** Builds the per-channel methods of the contract over one transport's raw invoke. */
export function bindMethods(invoke: RawInvoke): LabMethods {
  const methods: Partial<Record<Channel, (args: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) methods[channel] = async (args) => unwrap(await invoke(channel, args ?? {}));
  return methods as LabMethods;
}
