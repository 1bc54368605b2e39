import { createCipheriv, createHash, createSecretKey, randomBytes, type Hash, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { assertDataKey } from './data-key.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import { assertChunkSize, chunkAad, chunkNonce, DEFAULT_CHUNK_SIZE, encodeHeader, MAX_CHUNK_INDEX, NONCE_PREFIX_LENGTH, TAG_LENGTH } from './stream-format.ts';

export interface EncryptStreamOptions {
  /** plaintext bytes per chunk; the default suits files from bytes to gigabytes */
  chunkSize?: number;
}

/**
 * Plaintext in, the chunked AES-256-GCM format out (see README.md), with the SHA-256 of both
 * sides computed on the way: every writer of the format records both hashes, and hashing each
 * piece the moment it is read or produced finds it still in the CPU's cache, which a separate
 * hashing stage would not.
 *
 * One chunk is held back until the next byte arrives or the input ends, because whether a chunk
 * is final is authenticated with it. It is held as the pieces it arrived in and encrypted piece by
 * piece: copying them into one buffer would double the large allocations, and with them the
 * garbage collector's work. Memory stays at about one chunk plus the stream buffers.
 */
export class EncryptStream extends Transform {
  readonly #key: KeyObject;
  readonly #chunkSize: number;
  readonly #noncePrefix = randomBytes(NONCE_PREFIX_LENGTH);
  readonly #header: Buffer;
  readonly #plaintextHash: Hash = createHash('sha256');
  readonly #ciphertextHash: Hash = createHash('sha256');
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #index = 0;
  #plaintextBytes = 0;
  #ciphertextBytes = 0;
  #digests: { plaintext: string; ciphertext: string } | undefined;

  constructor(dataKey: Uint8Array, options: EncryptStreamOptions = {}) {
    super();
    assertDataKey(dataKey);
    this.#chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    assertChunkSize(this.#chunkSize);
    this.#key = createSecretKey(dataKey);
    this.#header = encodeHeader({ chunkSize: this.#chunkSize, noncePrefix: this.#noncePrefix });
  }

  /** plaintext bytes taken in so far (usable for progress) */
  get plaintextBytes(): number {
    return this.#plaintextBytes;
  }

  /** ciphertext bytes produced so far, header and tags included */
  get ciphertextBytes(): number {
    return this.#ciphertextBytes;
  }

  /** lowercase hex SHA-256 of the plaintext; available once the input has ended */
  get plaintextSha256(): string {
    return this.#finished().plaintext;
  }

  /** lowercase hex SHA-256 of the whole encrypted file; available once the input has ended */
  get ciphertextSha256(): string {
    return this.#finished().ciphertext;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.#plaintextHash.update(chunk);
      this.#plaintextBytes += chunk.length;
      let rest = chunk;
      while (rest.length > 0) {
        // a full chunk is sealed as non-final only once a later byte proves it is not the last
        if (this.#pendingBytes === this.#chunkSize) this.#seal(false);
        const room = this.#chunkSize - this.#pendingBytes;
        const piece = rest.length <= room ? rest : rest.subarray(0, room);
        this.#pending.push(piece);
        this.#pendingBytes += piece.length;
        rest = rest.subarray(piece.length);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      // an empty input still gets one (empty) final chunk, so its end is authenticated too
      this.#seal(true);
      this.#digests = { plaintext: this.#plaintextHash.digest('hex'), ciphertext: this.#ciphertextHash.digest('hex') };
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  #seal(final: boolean): void {
    if (this.#index > MAX_CHUNK_INDEX) throw new FileCryptoError('INVALID_ARGUMENT', 'file too large for the chunk counter');
    if (this.#index === 0) this.#emit(this.#header);
    const cipher = createCipheriv('aes-256-gcm', this.#key, chunkNonce(this.#noncePrefix, this.#index), { authTagLength: TAG_LENGTH });
    cipher.setAAD(chunkAad(this.#header, this.#index, final));
    for (const piece of this.#pending) this.#emit(cipher.update(piece));
    const tail = cipher.final();
    if (tail.length > 0) this.#emit(tail);
    this.#emit(cipher.getAuthTag());
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#index += 1;
  }

  #emit(ciphertext: Buffer): void {
    this.#ciphertextHash.update(ciphertext);
    this.#ciphertextBytes += ciphertext.length;
    this.push(ciphertext);
  }

  #finished(): { plaintext: string; ciphertext: string } {
    if (this.#digests === undefined) throw new Error('the SHA-256 digests are not available before the input has ended');
    return this.#digests;
  }
}

export function encryptStream(dataKey: Uint8Array, options?: EncryptStreamOptions): EncryptStream {
  return new EncryptStream(dataKey, options);
}
