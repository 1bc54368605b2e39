import { Transform, type TransformCallback } from 'node:stream';
import { StorageError } from '../common/storage-error.ts';

/** Counts bytes as they stream and fails the stream with 413 the moment it passes the limit. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly onBytes: (bytes: number) => void = () => undefined,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(new StorageError('PAYLOAD_TOO_LARGE', `the file is larger than the limit of ${this.limit} bytes`, 413));
      return;
    }
    this.onBytes(this.bytes);
    callback(null, chunk);
  }
}
