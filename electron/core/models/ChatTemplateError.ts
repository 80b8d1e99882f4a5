import { ApiError } from "../../shared/api/errors";

/** A chat-template study whose model has no usable chat template: refused when the study is created, before anything runs. */
export class ChatTemplateError extends ApiError {
  constructor(reason: "no-chat-template" | "unusable-chat-template", message: string, field: string) {
    super("invalid-argument", message, field, reason);
    this.name = "ChatTemplateError";
  }
}
