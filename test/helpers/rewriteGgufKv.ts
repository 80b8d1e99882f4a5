import { readFileSync, writeFileSync } from "node:fs";
import { encodeGgufHeader, parseGgufHeader, type GgufKv } from "../../electron/core/models/vocab/ggufKv";

/**
 * A copy of a GGUF model with its key-value part edited and its tensors as they were: the tensor
 * descriptions are copied byte for byte (their offsets are relative to the data), and the data
 * starts again at the file's alignment. For files the product must refuse, such as a model of
 * another architecture, made from a tiny default model.
 */
export function rewriteGgufKv(source: string, out: string, edit: (kv: GgufKv) => void): void {
  const buf = readFileSync(source);
  const { kv, tensors, end } = parseGgufHeader(buf, source);
  const alignment = Number(kv.get("general.alignment")?.value ?? 32);
  const dataStart = (at: number) => Math.ceil(at / alignment) * alignment;
  let at = end;
  for (let i = 0; i < tensors; i++) {
    at += 8 + Number(buf.readBigUInt64LE(at)); // name
    const dims = buf.readUInt32LE(at);
    at += 4 + 8 * dims + 4 + 8; // dimensions, type, offset
  }
  const descriptions = buf.subarray(end, at);
  const data = buf.subarray(dataStart(at));
  edit(kv);
  const head = Buffer.concat([encodeGgufHeader(kv, tensors), descriptions]);
  writeFileSync(out, Buffer.concat([head, Buffer.alloc(dataStart(head.length) - head.length), data]));
}
