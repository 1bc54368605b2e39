import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DecryptStream } from '../decrypt-stream.ts';
import { EncryptStream, type EncryptStreamOptions } from '../encrypt-stream.ts';
import { FileCryptoError } from '../file-crypto-error.ts';
import { HEADER_LENGTH, TAG_LENGTH } from '../stream-format.ts';

/** Splits `input` into writes of `writeSize` bytes, so chunk boundaries and write boundaries differ. */
export function pieces(input: Buffer, writeSize = 10_000): Buffer[] {
  const out: Buffer[] = [];
  for (let offset = 0; offset < input.length; offset += writeSize) out.push(input.subarray(offset, offset + writeSize));
  return out;
}

/** Runs `input` through `transforms`; `received` gets every output buffer as it is emitted, even if the pipeline later fails. */
export async function runThrough(input: Buffer | Buffer[], transforms: Transform[], received: Buffer[] = []): Promise<Buffer> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      received.push(chunk);
      callback();
    },
  });
  await pipeline([Readable.from(Array.isArray(input) ? input : pieces(input)), ...transforms, sink]);
  return Buffer.concat(received);
}

export function encryptBuffer(key: Uint8Array, plaintext: Buffer, options?: EncryptStreamOptions): Promise<Buffer> {
  return runThrough(plaintext, [new EncryptStream(key, options)]);
}

export function decryptBuffer(key: Uint8Array, ciphertext: Buffer, received?: Buffer[]): Promise<Buffer> {
  return runThrough(ciphertext, [new DecryptStream(key)], received);
}

/** The error decryption fails with; fails the test if decryption succeeds or throws something else. */
export async function decryptionError(key: Uint8Array, ciphertext: Buffer, received?: Buffer[]): Promise<FileCryptoError> {
  try {
    await decryptBuffer(key, ciphertext, received);
  } catch (error) {
    if (error instanceof FileCryptoError) return error;
    throw error;
  }
  throw new Error('decryption succeeded but should have been rejected');
}

/** Header and the chunk records (ciphertext ‖ tag) of an encrypted file, as laid out in README.md. */
export function splitRecords(ciphertext: Buffer, chunkSize: number): { header: Buffer; records: Buffer[] } {
  const header = ciphertext.subarray(0, HEADER_LENGTH);
  const records: Buffer[] = [];
  for (let offset = HEADER_LENGTH; offset < ciphertext.length; offset += chunkSize + TAG_LENGTH) {
    records.push(ciphertext.subarray(offset, offset + chunkSize + TAG_LENGTH));
  }
  return { header, records };
}

export function flipBit(bytes: Buffer, offset: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] = (copy[offset] ?? 0) ^ (1 << bit);
  return copy;
}
