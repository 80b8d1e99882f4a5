/** A native build step failed; the message names the step and what to do. */
export class NativeBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NativeBuildError";
  }
}
