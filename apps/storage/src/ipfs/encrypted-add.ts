import type { Readable, Transform } from 'node:stream';
import { encryptStream } from '@gridledger/file-crypto';
import { IpfsAddError, type KuboStore } from './kubo-store.ts';

/** larger than the library's default: fewer GCM calls per GiB, the bulk of the CPU besides hashing */
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
 * Plaintext from `source` (and any stages after it) → chunked AES-256-GCM, hashing both sides →
 * Kubo add+pin, streamed: memory stays flat whatever the size. The side that failed first is
 * named: a size limit or a client gone says more than Kubo's view of the broken body.
 */
export async function addEncrypted(kubo: KuboStore, source: Readable, stages: readonly Transform[], dataKey: Uint8Array): Promise<EncryptedFile> {
  const encrypt = encryptStream(dataKey, { chunkSize: ENCRYPTION_CHUNK_BYTES });
  try {
    const { cid } = await kubo.add(source, [...stages, encrypt]);
    return { cid, plaintextBytes: encrypt.plaintextBytes, plaintextSha256: encrypt.plaintextSha256, ciphertextSha256: encrypt.ciphertextSha256 };
  } catch (error) {
    throw new EncryptedAddError(error instanceof IpfsAddError ? 'ipfs' : 'stream', error);
  }
}
