import { PassThrough, type Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { encryptStream, hashingPassThrough } from '@gridledger/file-crypto';
import type { KuboStore } from './kubo-store.ts';

/** larger than the library's default: fewer GCM calls and pushes per GiB, the bulk of the CPU besides hashing */
export const ENCRYPTION_CHUNK_BYTES = 1024 * 1024;

export interface EncryptedFile {
  cid: string;
  plaintextBytes: number;
  plaintextSha256: string;
  ciphertextSha256: string;
}

/** Why an encrypted add failed: our side of the stream (the source, a limit) or IPFS taking it. */
export class EncryptedAddError extends Error {
  constructor(
    readonly side: 'stream' | 'ipfs',
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = 'EncryptedAddError';
  }
}

/**
 * Plaintext from `source` (and any stages after it) → SHA-256 → chunked AES-256-GCM → SHA-256 →
 * Kubo add+pin, streamed: memory stays flat whatever the size. When both sides fail, the stream's
 * error wins: it says more (size limit, client gone, tampered ciphertext) than Kubo's view of it.
 */
export async function addEncrypted(kubo: KuboStore, source: Readable, stages: readonly Transform[], dataKey: Uint8Array): Promise<EncryptedFile> {
  const plaintext = hashingPassThrough();
  const ciphertext = hashingPassThrough();
  const encrypted = new PassThrough();
  let streamError: unknown;
  pipeline([source, ...stages, plaintext, encryptStream(dataKey, { chunkSize: ENCRYPTION_CHUNK_BYTES }), ciphertext, encrypted]).catch((error: unknown) => {
    streamError = error;
    encrypted.destroy(error as Error);
  });
  let cid: string;
  try {
    ({ cid } = await kubo.add(encrypted));
  } catch (error) {
    throw streamError === undefined ? new EncryptedAddError('ipfs', error) : new EncryptedAddError('stream', streamError);
  }
  return { cid, plaintextBytes: plaintext.bytes, plaintextSha256: plaintext.sha256, ciphertextSha256: ciphertext.sha256 };
}
