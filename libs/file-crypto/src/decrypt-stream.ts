import { createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue.ts';
import { assertDataKey } from './data-key.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import { chunkAad, chunkNonce, decodeHeader, HEADER_LENGTH, MAX_CHUNK_INDEX, TAG_LENGTH, type StreamHeader } from './stream-format.ts';

/**
 * The chunked format in, plaintext out. A chunk's plaintext is pushed only after its tag
 * verified, so a consumer never sees unauthenticated bytes; but a file that fails in chunk N
 * has already delivered chunks 0..N-1, so a caller that must serve all-or-nothing has to hold
 * the output back (or hash-check it) until the stream finished without error.
 */
export class DecryptStream extends Transform {
  readonly #key: KeyObject;
  readonly #pending = new ByteQueue();
  #headerBytes: Buffer | undefined;
  #header: StreamHeader | undefined;
  #index = 0;

  constructor(dataKey: Uint8Array) {
    super();
    assertDataKey(dataKey);
    this.#key = createSecretKey(dataKey);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#pending.push(chunk);
      if (this.#header === undefined) {
        if (this.#pending.length < HEADER_LENGTH) return callback();
        this.#headerBytes = Buffer.from(this.#pending.take(HEADER_LENGTH));
        this.#header = decodeHeader(this.#headerBytes);
      }
      const recordLength = this.#header.chunkSize + TAG_LENGTH;
      // a full-length record is known to be non-final only once a later byte exists
      while (this.#pending.length > recordLength) this.#open(this.#pending.take(recordLength), false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (this.#header === undefined) throw new FileCryptoError('TRUNCATED', 'encrypted file ends inside its header');
      const rest = this.#pending.length;
      if (rest < TAG_LENGTH) throw new FileCryptoError('TRUNCATED', 'encrypted file ends before its final chunk');
      const record = this.#pending.take(rest);
      try {
        this.#open(record, true);
      } catch (error) {
        // the last record verifying as a *non-final* chunk proves the real final chunk was cut off
        if (rest === this.#header.chunkSize + TAG_LENGTH && this.#verifies(record, false)) {
          throw new FileCryptoError('TRUNCATED', 'encrypted file ends before its final chunk', { cause: error });
        }
        throw error;
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  #open(record: Buffer, final: boolean): void {
    const plaintext = this.#decrypt(record, final);
    if (plaintext === undefined) {
      throw new FileCryptoError('INTEGRITY_FAILURE', `chunk ${this.#index} failed authentication`);
    }
    this.#index += 1;
    this.push(plaintext);
  }

  #verifies(record: Buffer, final: boolean): boolean {
    return this.#decrypt(record, final) !== undefined;
  }

  /** undefined when the tag does not verify; the plaintext is returned only after `final()` checked it */
  #decrypt(record: Buffer, final: boolean): Buffer | undefined {
    const header = this.#header;
    const headerBytes = this.#headerBytes;
    if (header === undefined || headerBytes === undefined) throw new Error('decrypting before the header was read');
    if (this.#index > MAX_CHUNK_INDEX) throw new FileCryptoError('UNSUPPORTED_FORMAT', 'more chunks than the format allows');
    const split = record.length - TAG_LENGTH;
    const decipher = createDecipheriv('aes-256-gcm', this.#key, chunkNonce(header.noncePrefix, this.#index), { authTagLength: TAG_LENGTH });
    decipher.setAAD(chunkAad(headerBytes, this.#index, final));
    decipher.setAuthTag(record.subarray(split));
    const body = decipher.update(record.subarray(0, split));
    try {
      const tail = decipher.final();
      return tail.length > 0 ? Buffer.concat([body, tail]) : body;
    } catch {
      return undefined;
    }
  }
}

export function decryptStream(dataKey: Uint8Array): DecryptStream {
  return new DecryptStream(dataKey);
}
