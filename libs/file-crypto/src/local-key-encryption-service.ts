import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { assertDataKey, DATA_KEY_LENGTH } from './data-key.ts';
import { encodeFields } from './encode-fields.ts';
import { FileCryptoError } from './file-crypto-error.ts';
import type { EncryptionContext, KeyEncryptionService } from './key-encryption-service.ts';
import { MASTER_KEY_ID_PATTERN, parseMasterKeys, type MasterKey } from './master-keys.ts';
import { decodeStrictBase64 } from './strict-base64.ts';

const PROVIDER = 'local';
const KEK_LABEL = 'gridledger/local-kms/kek/v1';
const AAD_LABEL = 'gridledger/local-kms/wrap/v1';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const BLOB_LENGTH = IV_LENGTH + DATA_KEY_LENGTH + TAG_LENGTH;
const MAX_OWNER_KEY_ID_LENGTH = 256;

/**
 * Key-encryption service for one deployment without an external KMS. Each owner's KEK is derived
 * from the master key (HKDF-SHA256, info = owner key id), so there is no per-owner key store to
 * lose or back up, and owners are separated cryptographically: a blob wrapped for one owner does
 * not open under another's id.
 *
 * Wrapped blob: `local:<master key id>:<base64(iv 12 ‖ AES-256-GCM(data key) 32 ‖ tag 16)>`,
 * AAD = length-prefixed (label, master key id, owner key id, then the context's keys and values
 * sorted by key).
 */
export class LocalKeyEncryptionService implements KeyEncryptionService {
  readonly #masterKeys: ReadonlyMap<string, Buffer>;
  readonly #currentId: string;

  constructor(masterKeys: readonly MasterKey[]) {
    const first = masterKeys[0];
    if (first === undefined) throw new FileCryptoError('INVALID_CONFIG', 'at least one master key is required');
    const keys = new Map<string, Buffer>();
    for (const { id, key } of masterKeys) {
      if (!MASTER_KEY_ID_PATTERN.test(id) || keys.has(id)) throw new FileCryptoError('INVALID_CONFIG', `master key id "${id}" is invalid or repeated`);
      assertDataKey(key, `master key "${id}"`);
      keys.set(id, Buffer.from(key));
    }
    this.#masterKeys = keys;
    this.#currentId = first.id;
  }

  /** From the `STORAGE_MASTER_KEYS` format, see `parseMasterKeys`. */
  static fromConfig(config: string | undefined): LocalKeyEncryptionService {
    return new LocalKeyEncryptionService(parseMasterKeys(config));
  }

  /** The master key version new blobs are wrapped under; a blob with another version is due for re-wrapping. */
  get currentKeyVersion(): string {
    return this.#currentId;
  }

  async wrapDataKey(ownerKeyId: string, dataKey: Uint8Array, context: EncryptionContext): Promise<string> {
    assertOwnerKeyId(ownerKeyId);
    assertDataKey(dataKey);
    const aad = associatedData(this.#currentId, ownerKeyId, context);
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.#kek(this.#currentId, ownerKeyId), iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(aad);
    const blob = Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
    return `${PROVIDER}:${this.#currentId}:${blob.toString('base64')}`;
  }

  async unwrapDataKey(ownerKeyId: string, wrapped: string, context: EncryptionContext): Promise<Uint8Array> {
    assertOwnerKeyId(ownerKeyId);
    const parts = typeof wrapped === 'string' ? wrapped.split(':') : [];
    const [provider, keyId, encoded] = parts;
    const blob = decodeStrictBase64(encoded);
    if (parts.length !== 3 || provider !== PROVIDER || keyId === undefined || !MASTER_KEY_ID_PATTERN.test(keyId) || blob?.length !== BLOB_LENGTH) {
      throw new FileCryptoError('UNSUPPORTED_FORMAT', 'not a wrapped data key of the local key-encryption service');
    }
    if (!this.#masterKeys.has(keyId)) {
      throw new FileCryptoError('UNKNOWN_KEY_VERSION', `wrapped data key uses master key "${keyId}", which is not configured`);
    }
    const aad = associatedData(keyId, ownerKeyId, context);
    const decipher = createDecipheriv('aes-256-gcm', this.#kek(keyId, ownerKeyId), blob.subarray(0, IV_LENGTH), { authTagLength: TAG_LENGTH });
    decipher.setAAD(aad);
    decipher.setAuthTag(blob.subarray(IV_LENGTH + DATA_KEY_LENGTH));
    const dataKey = decipher.update(blob.subarray(IV_LENGTH, IV_LENGTH + DATA_KEY_LENGTH));
    try {
      decipher.final();
    } catch {
      throw new FileCryptoError('KEY_UNWRAP_FAILED', 'wrapped data key does not open for this owner and context');
    }
    return dataKey;
  }

  async rewrapDataKey(ownerKeyId: string, wrapped: string, context: EncryptionContext): Promise<string | undefined> {
    const dataKey = await this.unwrapDataKey(ownerKeyId, wrapped, context);
    try {
      if (wrapped.startsWith(`${PROVIDER}:${this.#currentId}:`)) return undefined;
      return await this.wrapDataKey(ownerKeyId, dataKey, context);
    } finally {
      dataKey.fill(0);
    }
  }

  #kek(masterKeyId: string, ownerKeyId: string): Buffer {
    const master = this.#masterKeys.get(masterKeyId);
    if (master === undefined) throw new FileCryptoError('UNKNOWN_KEY_VERSION', `master key "${masterKeyId}" is not configured`);
    return Buffer.from(hkdfSync('sha256', master, Buffer.from(KEK_LABEL, 'utf8'), Buffer.from(ownerKeyId, 'utf8'), DATA_KEY_LENGTH));
  }
}

function assertOwnerKeyId(ownerKeyId: string): void {
  if (typeof ownerKeyId !== 'string' || ownerKeyId.length === 0 || ownerKeyId.length > MAX_OWNER_KEY_ID_LENGTH) {
    throw new FileCryptoError('INVALID_ARGUMENT', `owner key id must be a string of 1 to ${MAX_OWNER_KEY_ID_LENGTH} characters`);
  }
}

function associatedData(masterKeyId: string, ownerKeyId: string, context: EncryptionContext): Buffer {
  const fields = [AAD_LABEL, masterKeyId, ownerKeyId];
  for (const name of Object.keys(context).sort()) {
    const value = context[name];
    if (typeof value !== 'string') throw new FileCryptoError('INVALID_ARGUMENT', `context value "${name}" must be a string`);
    fields.push(name, value);
  }
  return encodeFields(fields);
}
