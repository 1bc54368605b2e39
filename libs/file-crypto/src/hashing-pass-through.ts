import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Passes bytes through unchanged while hashing them, so the plaintext and ciphertext hashes that
 * go on chain are computed in the same single pass as the encryption and the IPFS upload.
 */
export class HashingPassThrough extends Transform {
  readonly #hash = createHash('sha256');
  #bytes = 0;
  #digest: string | undefined;

  /** bytes seen so far: also usable for upload progress */
  get bytes(): number {
    return this.#bytes;
  }

  /** lowercase hex SHA-256 of everything that passed; available once the stream has finished */
  get sha256(): string {
    if (this.#digest === undefined) throw new Error('SHA-256 is not available before the stream has finished');
    return this.#digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.#bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.#digest = this.#hash.digest('hex');
    callback();
  }
}

export function hashingPassThrough(): HashingPassThrough {
  return new HashingPassThrough();
}
