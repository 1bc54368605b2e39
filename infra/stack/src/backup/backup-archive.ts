import { createCipheriv, createDecipheriv, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { createReadStream, createWriteStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StackError } from '../terminal/stack-error.ts';

/**
 * A backup file: `GRIDLEDGER-BACKUP-1\n`, a 16-byte scrypt salt, a 12-byte IV, the archive
 * encrypted with AES-256-GCM, then its 16-byte tag. The key comes from the passphrase alone, so a
 * backup opens on a machine that has nothing else of the stack's.
 */
const MAGIC = Buffer.from('GRIDLEDGER-BACKUP-1\n', 'ascii');
const SALT_LENGTH = 16;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const HEADER_LENGTH = MAGIC.length + SALT_LENGTH + IV_LENGTH;
// 2^17 × 8 × 128 B = 128 MiB and about half a second: a stolen backup costs a guesser that per try
const SCRYPT: ScryptOptions = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };

function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(passphrase.normalize('NFC'), salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Encrypts `plain` (a tar stream) into `file`. */
export async function writeEncryptedArchive(plain: Readable, file: string, passphrase: string): Promise<void> {
  const salt = randomBytes(SALT_LENGTH);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(MAGIC);
  const out = createWriteStream(file, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, salt, iv]));
  await pipeline(plain, cipher, out, { end: false });
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).once('error', reject));
}

/**
 * Decrypts `file` into `plainFile`. GCM proves the whole archive only at its end, so the plain
 * bytes go to a file of their own, to be used only once this has returned: a wrong passphrase
 * or a changed byte anywhere throws instead.
 */
export async function readEncryptedArchive(file: string, plainFile: string, passphrase: string): Promise<void> {
  const size = statSync(file).size;
  if (size < HEADER_LENGTH + TAG_LENGTH) throw new StackError(`${file} is not a GridLedger backup: it is too short.`);
  const header = Buffer.alloc(HEADER_LENGTH);
  const tag = Buffer.alloc(TAG_LENGTH);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, HEADER_LENGTH, 0);
    readSync(fd, tag, 0, TAG_LENGTH, size - TAG_LENGTH);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) throw new StackError(`${file} is not a GridLedger backup (its first bytes are not "${MAGIC.toString().trim()}").`);
  const salt = header.subarray(MAGIC.length, MAGIC.length + SALT_LENGTH);
  const iv = header.subarray(MAGIC.length + SALT_LENGTH);
  const decipher = createDecipheriv('aes-256-gcm', await deriveKey(passphrase, salt), iv, { authTagLength: TAG_LENGTH });
  decipher.setAAD(MAGIC);
  decipher.setAuthTag(tag);
  try {
    await pipeline(createReadStream(file, { start: HEADER_LENGTH, end: size - TAG_LENGTH - 1 }), decipher, createWriteStream(plainFile, { mode: 0o600 }));
  } catch (error) {
    if (error instanceof Error && /auth/i.test(error.message)) {
      throw new StackError(`${file} does not open with this passphrase, or it has been changed since it was written.`);
    }
    throw error;
  }
}
