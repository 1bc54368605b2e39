import { randomBytes } from 'node:crypto';
import { FileCryptoError } from './file-crypto-error.ts';

/** AES-256: every data key, key-encryption key and master key in this library is 32 bytes. */
export const DATA_KEY_LENGTH = 32;

/** A fresh random key for one file. Never reuse one across files or key versions. */
export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_LENGTH);
}

export function assertDataKey(key: Uint8Array, what = 'data key'): void {
  if (!(key instanceof Uint8Array) || key.byteLength !== DATA_KEY_LENGTH) {
    throw new FileCryptoError('INVALID_KEY', `${what} must be ${DATA_KEY_LENGTH} bytes`);
  }
}
