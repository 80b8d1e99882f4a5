import { Transform, type TransformCallback } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** Bytes → UTF-8 text, keeping multi-byte characters split across chunks intact. */
export class StringDecoderStream extends Transform {
  private readonly decoder = new StringDecoder("utf8");

  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    done(null, this.decoder.write(chunk));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.decoder.end());
  }
}
