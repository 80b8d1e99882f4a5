/** Why a call failed, in a form every transport carries unchanged. */
/** "cancelled": the caller stopped a long operation (operations.cancel) and nothing of it was stored. */
export type ApiErrorCode = "invalid-argument" | "not-found" | "not-available" | "busy" | "failed" | "forbidden" | "cancelled";
/**
 * The named refusal behind an "invalid-argument", for callers that act on it rather than read it: a model
 * file that is only a vocabulary, cut short or not a GGUF; a model the trainer cannot train; a study
 * that would not fit this machine's memory (docs/memory.md); a chat-template study whose model's GGUF
 * carries no chat template, or one that cannot render a user turn.
 */
export type ApiErrorReason =
  | "vocabulary-only"
  | "truncated"
  | "not-gguf"
  | "unsupported-architecture"
  | "mixture-of-experts"
  | "over-memory-budget"
  | "no-chat-template"
  | "unusable-chat-template";
export type ApiErrorInfo = { code: ApiErrorCode; message: string; field?: string; reason?: ApiErrorReason };

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly reason?: ApiErrorReason,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toInfo(): ApiErrorInfo {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.reason ? { reason: this.reason } : {}) };
  }

  static from(error: unknown): ApiError {
    if (error instanceof ApiError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ApiError("failed", message);
  }
}

/** The wire format of every answer (IPC and HTTP): a value or an error, never a thrown object. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.field, envelope.error.reason);
}
