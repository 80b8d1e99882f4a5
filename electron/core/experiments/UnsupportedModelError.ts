import { ApiError } from "../../shared/api/errors";

/** A model the native trainer cannot train (another llama.cpp architecture, a mixture of experts). */
export class UnsupportedModelError extends ApiError {
  constructor(message: string, field: string) {
    super("invalid-argument", message, field);
    this.name = "UnsupportedModelError";
  }
}
