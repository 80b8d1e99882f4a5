import { ApiError } from "../../shared/api/errors";
import type { UntrainableReason } from "../../shared/domain/models";

/** A model the native trainer cannot train (another llama.cpp architecture, a mixture of experts): refused when added and when a study names it. */
export class UnsupportedModelError extends ApiError {
  constructor(why: UntrainableReason, message: string, field: string) {
    super("invalid-argument", message, field, why.kind);
    this.name = "UnsupportedModelError";
  }
}
