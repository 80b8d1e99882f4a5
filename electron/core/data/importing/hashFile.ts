import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Streaming SHA-256 of a file, hex. */
export async function sha256OfFile(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
