export { FileCryptoError, FileCryptoErrorCode, isFileCryptoError } from './file-crypto-error.ts';
export { DATA_KEY_LENGTH, generateDataKey } from './data-key.ts';
export { EncryptStream, encryptStream, type EncryptStreamOptions } from './encrypt-stream.ts';
export { DecryptStream, decryptStream } from './decrypt-stream.ts';
export { HashingPassThrough, hashingPassThrough } from './hashing-pass-through.ts';
export {
  ciphertextLength,
  DEFAULT_CHUNK_SIZE,
  FILE_ENCRYPTION_SCHEME,
  HEADER_LENGTH,
  MAX_CHUNK_SIZE,
  MIN_CHUNK_SIZE,
  TAG_LENGTH,
} from './stream-format.ts';
export type { EncryptionContext, KeyEncryptionService } from './key-encryption-service.ts';
export { parseMasterKeys, type MasterKey } from './master-keys.ts';
export { LocalKeyEncryptionService } from './local-key-encryption-service.ts';
export { generateRecipientKeyPair, isLowOrderX25519, x25519PrivateKeyBytes, x25519PublicKeyBytes, type RecipientKeyPair, type X25519KeyInput } from './x25519-keys.ts';
export { KEY_ENVELOPE_SCHEME, keyReleaseInfoBytes, openKeyEnvelope, sealKeyForRecipient, type KeyEnvelope, type KeyReleaseInfo } from './key-envelope.ts';
