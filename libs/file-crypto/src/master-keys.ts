import { DATA_KEY_LENGTH } from './data-key.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import { decodeStrictBase64 } from './strict-base64.ts';

export interface MasterKey {
  /** key version id, written into every wrapped blob; letters, digits, `.`, `_`, `-` */
  id: string;
  key: Buffer;
}

export const MASTER_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Parses `STORAGE_MASTER_KEYS` = `kid:base64,kid:base64,…` (32-byte keys, standard base64).
 * The first key wraps new data keys; all of them unwrap, so rotating means prepending a new key
 * and dropping the old one only after every blob has been re-wrapped. Errors name the entry's
 * position and id, never its key.
 */
export function parseMasterKeys(config: string | undefined): MasterKey[] {
  if (config === undefined || config.trim() === '') {
    throw new FileCryptoError('INVALID_CONFIG', 'master keys are not configured (expected "kid:base64,…")');
  }
  const keys: MasterKey[] = [];
  config.split(',').forEach((rawEntry, position) => {
    const entry = rawEntry.trim();
    const separator = entry.indexOf(':');
    const id = separator < 0 ? '' : entry.slice(0, separator);
    if (!MASTER_KEY_ID_PATTERN.test(id)) {
      throw new FileCryptoError('INVALID_CONFIG', `master key entry ${position + 1}: expected "kid:base64" with a kid of letters, digits, ".", "_" or "-"`);
    }
    const key = decodeStrictBase64(entry.slice(separator + 1));
    if (key === undefined || key.length !== DATA_KEY_LENGTH) {
      throw new FileCryptoError('INVALID_CONFIG', `master key "${id}": must be ${DATA_KEY_LENGTH} bytes in standard base64`);
    }
    if (keys.some((existing) => existing.id === id)) {
      throw new FileCryptoError('INVALID_CONFIG', `master key "${id}" is listed twice`);
    }
    keys.push({ id, key });
  });
  return keys;
}
