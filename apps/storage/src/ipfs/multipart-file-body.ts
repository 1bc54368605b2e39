import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Wraps a stream of bytes as the one file part of a multipart/form-data body, as Kubo's `add` takes it. */
export class MultipartFileBody extends Transform {
  readonly boundary = `----gridledger-${randomBytes(12).toString('hex')}`;
  #started = false;

  get contentType(): string {
    return `multipart/form-data; boundary=${this.boundary}`;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#start();
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.#start();
    callback(null, Buffer.from(`\r\n--${this.boundary}--\r\n`));
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    this.push(Buffer.from(`--${this.boundary}\r\ncontent-disposition: form-data; name="file"; filename="file"\r\ncontent-type: application/octet-stream\r\n\r\n`));
  }
}
