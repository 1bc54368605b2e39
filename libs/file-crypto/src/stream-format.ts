import { FileCryptoError } from './file-crypto-error.ts';

/**
 * The chunked AES-256-GCM file format, version 1. README.md is the normative description;
 * a consumer's own decryptor follows it, so nothing here may change without a new version byte.
 */

/** Value for the chain's `encryptionScheme` field (letters, digits, `.`, `_`, `-`). */
export const FILE_ENCRYPTION_SCHEME = 'GLFE1.AES-256-GCM.chunked';

export const FORMAT_MAGIC = Buffer.from('GLFE', 'ascii');
export const FORMAT_VERSION = 1;
export const NONCE_PREFIX_LENGTH = 8;
/** magic(4) + version(1) + chunk size u32be(4) + nonce prefix(8) */
export const HEADER_LENGTH = FORMAT_MAGIC.length + 1 + 4 + NONCE_PREFIX_LENGTH;
export const TAG_LENGTH = 16;
export const NONCE_LENGTH = 12;

export const DEFAULT_CHUNK_SIZE = 64 * 1024;
export const MIN_CHUNK_SIZE = 1024;
/** Bounds what a decryptor must hold in memory for one chunk, whatever the header claims. */
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
/** The chunk index is a u32 in the nonce and the associated data. */
export const MAX_CHUNK_INDEX = 0xffff_ffff;

export interface StreamHeader {
  chunkSize: number;
  noncePrefix: Buffer;
}

export function assertChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new FileCryptoError('INVALID_ARGUMENT', `chunk size must be an integer from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE}`);
  }
}

export function encodeHeader({ chunkSize, noncePrefix }: StreamHeader): Buffer {
  const header = Buffer.alloc(HEADER_LENGTH);
  FORMAT_MAGIC.copy(header, 0);
  header.writeUInt8(FORMAT_VERSION, 4);
  header.writeUInt32BE(chunkSize, 5);
  noncePrefix.copy(header, 9);
  return header;
}

/** `header` is exactly HEADER_LENGTH bytes. The header is not authenticated here but by every chunk's tag. */
export function decodeHeader(header: Buffer): StreamHeader {
  if (!header.subarray(0, 4).equals(FORMAT_MAGIC)) {
    throw new FileCryptoError('UNSUPPORTED_FORMAT', 'not a GridLedger encrypted file (bad magic)');
  }
  const version = header.readUInt8(4);
  if (version !== FORMAT_VERSION) {
    throw new FileCryptoError('UNSUPPORTED_FORMAT', `unsupported encrypted file version ${version}`);
  }
  const chunkSize = header.readUInt32BE(5);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new FileCryptoError('UNSUPPORTED_FORMAT', `chunk size ${chunkSize} outside ${MIN_CHUNK_SIZE}..${MAX_CHUNK_SIZE}`);
  }
  return { chunkSize, noncePrefix: Buffer.from(header.subarray(9, HEADER_LENGTH)) };
}

/** nonce = prefix(8) ‖ index u32be: unique per chunk under one data key. */
export function chunkNonce(noncePrefix: Buffer, index: number): Buffer {
  const nonce = Buffer.alloc(NONCE_LENGTH);
  noncePrefix.copy(nonce, 0);
  nonce.writeUInt32BE(index, NONCE_PREFIX_LENGTH);
  return nonce;
}

/**
 * AAD = header ‖ index u32be ‖ final flag (1 or 0). The index stops reordering, dropping and
 * duplicating; the flag stops truncation at a chunk boundary and appending after the end; the
 * header binds the chunk size and prefix so no header byte can change unnoticed.
 */
export function chunkAad(header: Buffer, index: number, final: boolean): Buffer {
  const aad = Buffer.alloc(header.length + 5);
  header.copy(aad, 0);
  aad.writeUInt32BE(index, header.length);
  aad.writeUInt8(final ? 1 : 0, header.length + 4);
  return aad;
}

/** Exact ciphertext size for a plaintext size, e.g. to check a size limit or a Content-Length. */
export function ciphertextLength(plaintextLength: number, chunkSize: number = DEFAULT_CHUNK_SIZE): number {
  if (!Number.isSafeInteger(plaintextLength) || plaintextLength < 0) {
    throw new FileCryptoError('INVALID_ARGUMENT', 'plaintext length must be a non-negative integer');
  }
  assertChunkSize(chunkSize);
  const chunks = Math.max(1, Math.ceil(plaintextLength / chunkSize));
  return HEADER_LENGTH + plaintextLength + chunks * TAG_LENGTH;
}
