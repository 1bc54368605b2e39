import { createCipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue.ts';
import { assertDataKey } from './data-key.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import { assertChunkSize, chunkAad, chunkNonce, DEFAULT_CHUNK_SIZE, encodeHeader, MAX_CHUNK_INDEX, NONCE_PREFIX_LENGTH, TAG_LENGTH } from './stream-format.ts';

export interface EncryptStreamOptions {
  /** plaintext bytes per chunk; the default suits files from bytes to gigabytes */
  chunkSize?: number;
}

/**
 * Plaintext in, the chunked AES-256-GCM format out (see README.md). One chunk is held back until
 * the next byte arrives or the input ends, because whether a chunk is final is authenticated
 * with it; so memory stays at about one chunk plus the stream buffers, whatever the file size.
 */
export class EncryptStream extends Transform {
  readonly #key: KeyObject;
  readonly #chunkSize: number;
  readonly #noncePrefix = randomBytes(NONCE_PREFIX_LENGTH);
  readonly #header: Buffer;
  readonly #pending = new ByteQueue();
  #headerSent = false;
  #index = 0;

  constructor(dataKey: Uint8Array, options: EncryptStreamOptions = {}) {
    super();
    assertDataKey(dataKey);
    this.#chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    assertChunkSize(this.#chunkSize);
    this.#key = createSecretKey(dataKey);
    this.#header = encodeHeader({ chunkSize: this.#chunkSize, noncePrefix: this.#noncePrefix });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#pending.push(chunk);
      // strictly greater: a chunk is sealed as non-final only once a later byte proves it is not the last
      while (this.#pending.length > this.#chunkSize) this.#seal(this.#pending.take(this.#chunkSize), false);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      // an empty input still gets one (empty) final chunk, so its end is authenticated too
      this.#seal(this.#pending.take(this.#pending.length), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  #seal(plaintext: Buffer, final: boolean): void {
    if (this.#index > MAX_CHUNK_INDEX) throw new FileCryptoError('INVALID_ARGUMENT', 'file too large for the chunk counter');
    if (!this.#headerSent) {
      this.push(this.#header);
      this.#headerSent = true;
    }
    const cipher = createCipheriv('aes-256-gcm', this.#key, chunkNonce(this.#noncePrefix, this.#index), { authTagLength: TAG_LENGTH });
    cipher.setAAD(chunkAad(this.#header, this.#index, final));
    const ciphertext = cipher.update(plaintext);
    const tail = cipher.final();
    this.push(tail.length > 0 ? Buffer.concat([ciphertext, tail]) : ciphertext);
    this.push(cipher.getAuthTag());
    this.#index += 1;
  }
}

export function encryptStream(dataKey: Uint8Array, options?: EncryptStreamOptions): EncryptStream {
  return new EncryptStream(dataKey, options);
}
