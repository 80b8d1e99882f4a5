/**
 * The installed node-llama-cpp is not the one generation's native handles were written for, or what
 * they call has moved or changed shape. The message names what differs and how to fall back.
 */
export class NodeLlamaCppInternalsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NodeLlamaCppInternalsError";
  }
}
