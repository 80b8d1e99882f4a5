import { ApiError } from "../../shared/api/errors";

/**
 * The long operations started through the API (import, synthetic data, building the default
 * models, export), each stoppable by the operation id its caller chose. Every one of them leaves
 * the store as it was when stopped: imports delete what they staged, the model build and the
 * export write to temporary names.
 */
export class Operations {
  private readonly running = new Map<string, AbortController>();

  /** parent: stops every operation at once (the CLI's Ctrl-C) */
  constructor(private readonly parent?: AbortSignal) {}

  /** Runs `work` with a signal that `cancel(operationId)` (or `cancelAll`) aborts; a stopped operation ends as ApiError "cancelled". */
  async run<T>(operationId: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (operationId !== undefined) {
      if (this.running.has(operationId)) throw new ApiError("busy", `an operation with id ${operationId} is already running`, "operationId");
      this.running.set(operationId, controller);
    }
    const signal = this.parent ? AbortSignal.any([controller.signal, this.parent]) : controller.signal;
    try {
      return await work(signal);
    } catch (error) {
      if (signal.aborted) throw new ApiError("cancelled", "stopped; nothing of it was stored");
      throw error;
    } finally {
      if (operationId !== undefined && this.running.get(operationId) === controller) this.running.delete(operationId);
    }
  }

  /** Stops a running operation; false when none has that id (it may have just ended). */
  cancel(operationId: string): boolean {
    const controller = this.running.get(operationId);
    controller?.abort(new Error("cancelled"));
    return controller !== undefined;
  }

  /** Stops every running operation (quitting). */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort(new Error("cancelled"));
  }
}
