import { z } from 'zod';

/**
 * The storage service's events: what happened to the encrypted files behind the data assets.
 * Hashes are lowercase hex SHA-256; sizes are bytes of plaintext.
 */
export const STORAGE_TOPICS = {
  fileStored: 'gridledger.storage.file-stored.v1',
  fileAnchored: 'gridledger.storage.file-anchored.v1',
  fileRejected: 'gridledger.storage.file-rejected.v1',
  keyReleased: 'gridledger.storage.key-released.v1',
  fileDownloaded: 'gridledger.storage.file-downloaded.v1',
  integrityViolation: 'gridledger.storage.integrity-violation.v1',
  keyRotated: 'gridledger.storage.key-rotated.v1',
  keyReleaseFailed: 'gridledger.storage.key-release-failed.v1',
} as const;

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** Encrypted and pinned to IPFS; the chain has been asked to register it. */
export const fileStoredSchema = z.object({
  assetId: z.uuid(),
  ownerId: z.uuid(),
  mspId: z.string(),
  cid: z.string(),
  sizeBytes: z.number().int().min(0),
  plaintextSha256: sha256,
  ciphertextSha256: sha256,
  encryptionScheme: z.string(),
  keyVersion: z.number().int().min(1),
  commandId: z.uuid(),
});

/** The chain registered the asset: the file is now verifiable by anyone against its on-chain record. */
export const fileAnchoredSchema = z.object({ assetId: z.uuid(), cid: z.string(), txId: z.string(), blockNumber: z.string().regex(/^\d+$/) });

/** The chain refused the asset: the file was unpinned and nothing of it remains on chain. */
export const fileRejectedSchema = z.object({ assetId: z.uuid(), cid: z.string(), code: z.string(), message: z.string() });

/** A data key re-wrapped for a consumer's public key (HPKE); the envelope itself is never published. */
export const keyReleasedSchema = z.object({
  assetId: z.uuid(),
  requestId: z.string(),
  consumerId: z.uuid(),
  keyVersion: z.number().int().min(1),
  recipientKeySha256: sha256,
  commandId: z.uuid(),
});

export const fileDownloadedSchema = z.object({ assetId: z.uuid(), requestId: z.string(), consumerId: z.uuid(), keyVersion: z.number().int().min(1), ciphertextSha256: sha256, commandId: z.uuid() });

/** A key release the access-policy service asked for could not be made: the chain or the key said no. */
export const keyReleaseFailedSchema = z.object({ assetId: z.string(), requestId: z.string(), consumerId: z.string(), code: z.string(), message: z.string() });

/** Stored bytes disagree with the chain: never served, always reported. */
export const integrityViolationSchema = z.object({
  assetId: z.string(),
  cid: z.string().nullable(),
  kind: z.enum(['ciphertext-hash-mismatch', 'plaintext-hash-mismatch', 'authentication-failed', 'record-mismatch', 'not-pinned']),
  expected: z.string().nullable(),
  actual: z.string().nullable(),
  detectedBy: z.string(),
});

/** The receipt of a key rotation: new ciphertext pinned and anchored, old one unpinned, grantees re-served. */
export const keyRotatedSchema = z.object({
  assetId: z.uuid(),
  previousCid: z.string(),
  cid: z.string(),
  ciphertextSha256: sha256,
  keyVersion: z.number().int().min(2),
  txId: z.string(),
  /** consumers whose grant was still valid and whose released key was re-sealed under the new key */
  rewrappedFor: z.array(z.uuid()),
});

export interface StorageTopicPayloads {
  [STORAGE_TOPICS.fileStored]: z.infer<typeof fileStoredSchema>;
  [STORAGE_TOPICS.fileAnchored]: z.infer<typeof fileAnchoredSchema>;
  [STORAGE_TOPICS.fileRejected]: z.infer<typeof fileRejectedSchema>;
  [STORAGE_TOPICS.keyReleased]: z.infer<typeof keyReleasedSchema>;
  [STORAGE_TOPICS.fileDownloaded]: z.infer<typeof fileDownloadedSchema>;
  [STORAGE_TOPICS.integrityViolation]: z.infer<typeof integrityViolationSchema>;
  [STORAGE_TOPICS.keyRotated]: z.infer<typeof keyRotatedSchema>;
  [STORAGE_TOPICS.keyReleaseFailed]: z.infer<typeof keyReleaseFailedSchema>;
}

export const STORAGE_SCHEMAS = {
  [STORAGE_TOPICS.fileStored]: fileStoredSchema,
  [STORAGE_TOPICS.fileAnchored]: fileAnchoredSchema,
  [STORAGE_TOPICS.fileRejected]: fileRejectedSchema,
  [STORAGE_TOPICS.keyReleased]: keyReleasedSchema,
  [STORAGE_TOPICS.fileDownloaded]: fileDownloadedSchema,
  [STORAGE_TOPICS.integrityViolation]: integrityViolationSchema,
  [STORAGE_TOPICS.keyRotated]: keyRotatedSchema,
  [STORAGE_TOPICS.keyReleaseFailed]: keyReleaseFailedSchema,
} as const;
