import { readFileSync, renameSync, writeFileSync } from "node:fs";

/**
 * The key-value part of a GGUF file (format version 3), with each value's type kept, for files
 * that hold no tensors: llama.cpp's vocabulary files. Enough to read one, change its tokenizer and
 * write it back; weights are node-llama-cpp's and the trainer's business (a test rewrites a model's
 * keys around its tensors with parseGgufHeader and encodeGgufHeader).
 */
export const GgufType = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9, u64: 10, i64: 11, f64: 12 } as const;
type Scalar = number | bigint | boolean | string;
export type GgufValue = { type: number; value: Scalar } | { type: typeof GgufType.array; itemType: number; value: Scalar[] };
export type GgufKv = Map<string, GgufValue>;

const SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export function readGgufKv(path: string): GgufKv {
  const header = parseGgufHeader(readFileSync(path), path);
  if (header.tensors !== 0) throw new Error(`${path} holds tensors; only tensor-free (vocabulary) files are read here`);
  return header.kv;
}

/** A GGUF's key-value part, its tensor count and the offset where its tensor descriptions begin. */
export function parseGgufHeader(buf: Buffer, path: string): { kv: GgufKv; tensors: number; end: number } {
  if (buf.toString("latin1", 0, 4) !== "GGUF") throw new Error(`${path} is not a GGUF file`);
  const version = buf.readUInt32LE(4);
  if (version !== 3) throw new Error(`${path}: GGUF version ${version}; only version 3 is read`);
  const tensors = Number(buf.readBigUInt64LE(8));
  const count = Number(buf.readBigUInt64LE(16));
  let at = 24;
  const str = (): string => {
    const n = Number(buf.readBigUInt64LE(at));
    const s = buf.toString("utf8", at + 8, at + 8 + n);
    at += 8 + n;
    return s;
  };
  const scalar = (type: number): Scalar => {
    if (type === GgufType.string) return str();
    const size = SIZES[type];
    if (size === undefined) throw new Error(`${path}: unknown GGUF value type ${type}`);
    const v =
      type === GgufType.u8
        ? buf.readUInt8(at)
        : type === GgufType.i8
          ? buf.readInt8(at)
          : type === GgufType.u16
            ? buf.readUInt16LE(at)
            : type === GgufType.i16
              ? buf.readInt16LE(at)
              : type === GgufType.u32
                ? buf.readUInt32LE(at)
                : type === GgufType.i32
                  ? buf.readInt32LE(at)
                  : type === GgufType.f32
                    ? buf.readFloatLE(at)
                    : type === GgufType.bool
                      ? buf.readUInt8(at) !== 0
                      : type === GgufType.u64
                        ? buf.readBigUInt64LE(at)
                        : type === GgufType.i64
                          ? buf.readBigInt64LE(at)
                          : buf.readDoubleLE(at);
    at += size;
    return v;
  };
  const kv: GgufKv = new Map();
  for (let i = 0; i < count; i++) {
    const key = str();
    const type = buf.readUInt32LE(at);
    at += 4;
    if (type === GgufType.array) {
      const itemType = buf.readUInt32LE(at);
      const n = Number(buf.readBigUInt64LE(at + 4));
      at += 12;
      const value: Scalar[] = new Array(n);
      for (let k = 0; k < n; k++) value[k] = scalar(itemType);
      kv.set(key, { type, itemType, value });
    } else kv.set(key, { type, value: scalar(type) });
  }
  return { kv, tensors, end: at };
}

class Writer {
  private chunks: Buffer[] = [];
  raw(b: Buffer) {
    this.chunks.push(b);
  }
  u32(v: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.chunks.push(b);
  }
  u64(v: number | bigint) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.chunks.push(b);
  }
  str(s: string) {
    const b = Buffer.from(s, "utf8");
    this.u64(b.length);
    this.chunks.push(b);
  }
  scalar(type: number, v: Scalar) {
    if (type === GgufType.string) return this.str(String(v));
    const b = Buffer.alloc(SIZES[type]!);
    if (type === GgufType.u8) b.writeUInt8(Number(v));
    else if (type === GgufType.i8) b.writeInt8(Number(v));
    else if (type === GgufType.u16) b.writeUInt16LE(Number(v));
    else if (type === GgufType.i16) b.writeInt16LE(Number(v));
    else if (type === GgufType.u32) b.writeUInt32LE(Number(v));
    else if (type === GgufType.i32) b.writeInt32LE(Number(v));
    else if (type === GgufType.f32) b.writeFloatLE(Number(v));
    else if (type === GgufType.bool) b.writeUInt8(v ? 1 : 0);
    else if (type === GgufType.u64) b.writeBigUInt64LE(BigInt(v));
    else if (type === GgufType.i64) b.writeBigInt64LE(BigInt(v));
    else b.writeDoubleLE(Number(v));
    this.chunks.push(b);
  }
  bytes() {
    return Buffer.concat(this.chunks);
  }
}

/** Writes a tensor-free GGUF (version 3); through a temporary name, so a reader never sees half a file. */
export function writeGgufKv(path: string, kv: GgufKv): void {
  const tmp = `${path}.part${process.pid}`;
  writeFileSync(tmp, encodeGgufHeader(kv, 0));
  renameSync(tmp, path);
}

/** A GGUF's header and key-value part, for a file of `tensors` tensors whose descriptions follow. */
export function encodeGgufHeader(kv: GgufKv, tensors: number): Buffer {
  const w = new Writer();
  w.raw(Buffer.from("GGUF", "latin1"));
  w.u32(3);
  w.u64(tensors);
  w.u64(kv.size);
  for (const [key, v] of kv) {
    w.str(key);
    w.u32(v.type);
    if (v.type === GgufType.array && "itemType" in v) {
      w.u32(v.itemType);
      w.u64(v.value.length);
      for (const x of v.value) w.scalar(v.itemType, x);
    } else w.scalar(v.type, v.value as Scalar);
  }
  return w.bytes();
}
