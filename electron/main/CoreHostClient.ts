import { utilityProcess, type UtilityProcess } from "electron";
import type { Envelope } from "../shared/api/errors";
import type { LabEvent } from "../shared/api/events";
import type { HostMessage } from "./hostMessages";

/** The main process's handle on the core host utility process: calls by id, events to a listener. */
export class CoreHostClient {
  private readonly child: UtilityProcess;
  private readonly pending = new Map<number, (e: Envelope<unknown>) => void>();
  private nextId = 1;
  private fatal: string | null = null;
  private exited = false;

  constructor(script: string, args: string[], onEvent: (e: LabEvent) => void) {
    this.child = utilityProcess.fork(script, args, { serviceName: "Collapse Lab core", stdio: "inherit" });
    this.child.on("message", (m: HostMessage) => {
      if (m.type === "reply") {
        this.pending.get(m.id)?.(m.envelope);
        this.pending.delete(m.id);
      } else if (m.type === "event") onEvent(m.event);
      else if (m.type === "fatal") this.fatal = m.message;
    });
    this.child.on("exit", (code) => {
      this.exited = true;
      const message = this.fatal ?? `the core process stopped (exit code ${code}); restart Collapse Lab`;
      for (const reply of this.pending.values()) reply({ ok: false, error: { code: "failed", message } });
      this.pending.clear();
      this.fatal = message;
    });
  }

  call(channel: string, args: unknown): Promise<Envelope<unknown>> {
    if (this.fatal) return Promise.resolve({ ok: false, error: { code: "failed", message: this.fatal } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.postMessage({ id, channel, args });
    });
  }

  /**
   * Asks the core host to stop (it stops its study runners gracefully: checkpoints written, jobs
   * marked) and resolves once it has exited, or after graceMs, when what is left is killed.
   */
  stop(graceMs = 15_000): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.child.pid !== undefined) process.kill(this.child.pid, "SIGKILL");
        resolve();
      }, graceMs);
      this.child.on("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill();
    });
  }
}
