/** The trainer failed; `exitCode` and `code` are the protocol's (native/README.md). */
export class TrainerError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly code: string,
  ) {
    super(message);
    this.name = "TrainerError";
  }
}

/** The trainer stopped on request after writing a checkpoint: run again with resume to continue. */
export class TrainerStoppedError extends TrainerError {
  constructor(readonly checkpoint: string | null) {
    super("training was stopped; a checkpoint was written and --resume continues it", 10, "stopped");
    this.name = "TrainerStoppedError";
  }
}
