// The bridge: exactly the API contract as window.lab, nothing else. Bundled to CommonJS for the
// sandboxed preload; imports only the zod-free parts of electron/shared.
import { contextBridge, ipcRenderer } from "electron";
import { bindMethods } from "../shared/api/bindMethods";
import { EVENTS_CHANNEL } from "../shared/api/channels";
import type { Envelope } from "../shared/api/errors";
import type { LabEvent } from "../shared/api/events";
import type { LabApi } from "../shared/api/types";

const lab = {
  ...bindMethods((channel, args) => ipcRenderer.invoke(channel, args) as Promise<Envelope<unknown>>),
  onEvent(listener: (event: LabEvent) => void) {
    const handler = (_e: Electron.IpcRendererEvent, event: LabEvent) => listener(event);
    ipcRenderer.on(EVENTS_CHANNEL, handler);
    return () => void ipcRenderer.off(EVENTS_CHANNEL, handler);
  },
} satisfies LabApi;

contextBridge.exposeInMainWorld("lab", lab);
