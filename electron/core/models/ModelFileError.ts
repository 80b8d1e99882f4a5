import { ApiError } from "../../shared/api/errors";

/** Why a GGUF cannot be registered as a model; the message names the file and what to do instead. */
export type ModelFileProblem = "vocabulary-only" | "truncated" | "not-gguf";

/** A GGUF refused by `lab models add` (models.add) before anything is stored. */
export class ModelFileError extends ApiError {
  constructor(
    readonly problem: ModelFileProblem,
    message: string,
  ) {
    super("invalid-argument", message, "path", problem);
    this.name = "ModelFileError";
  }
}
