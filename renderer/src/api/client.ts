import { bindMethods } from "../../../electron/shared/api/bindMethods";
import type { LabEvent } from "../../../electron/shared/api/events";
import type { LabApi } from "../../../electron/shared/api/types";
import { httpEvents, httpInvoke, takeToken } from "./httpTransport";

declare global {
  interface Window {
    /** the preload's bridge, present only inside the Electron window */
    lab?: LabApi;
  }
}

/** The one client of the contract: window.lab in Electron, else loopback HTTP from `lab serve`. */
export function createClient(): { api: LabApi; transport: "ipc" | "http" } {
  if (window.lab) return { api: window.lab, transport: "ipc" };
  const token = takeToken();
  const listeners = new Set<(e: LabEvent) => void>();
  let stop: (() => void) | null = null;
  const api: LabApi = {
    ...bindMethods(httpInvoke(token)),
    onEvent(listener) {
      listeners.add(listener);
      stop ??= httpEvents(token, (e) => listeners.forEach((l) => l(e)));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          stop?.();
          stop = null;
        }
      };
    },
  };
  return { api, transport: "http" };
}
