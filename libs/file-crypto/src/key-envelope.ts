import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { assertDataKey, DATA_KEY_LENGTH } from './data-key.ts';
import { encodeFields } from './encode-fields.ts';
import { FileCryptoError, type FileCryptoErrorCode } from './file-crypto-error.ts';
import { decodeStrictBase64 } from './strict-base64.ts';
import { x25519PrivateKeyBytes, x25519PublicKeyBytes, X25519_KEY_LENGTH, type X25519KeyInput } from './x25519-keys.ts';

/** RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, envelope layout v1. */
export const KEY_ENVELOPE_SCHEME = 'HPKE-Base.X25519-SHA256.HKDF-SHA256.AES-256-GCM.v1';
const INFO_LABEL = 'gridledger/key-release/v1';
const AEAD_TAG_LENGTH = 16;

/** What the released key is for. Bound as HPKE `info`, so changing any field makes the envelope unopenable. */
export interface KeyReleaseInfo {
  assetId: string;
  /** CID of the ciphertext the key decrypts */
  cid: string;
  /** the asset's key version on chain */
  keyVersion: number;
}

/** JSON-serialisable; everything a consumer needs to fetch the file from any gateway and decrypt it. */
export interface KeyEnvelope extends KeyReleaseInfo {
  scheme: typeof KEY_ENVELOPE_SCHEME;
  /** base64 of the 32-byte HPKE encapsulated key */
  enc: string;
  /** base64 of the HPKE-sealed data key (32 bytes + 16-byte tag) */
  ciphertext: string;
}

let suite: CipherSuite | undefined;
function hpke(): CipherSuite {
  suite ??= new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  return suite;
}

/** HPKE `info` = length-prefixed fields (label, assetId, cid, decimal keyVersion); see README.md. */
export function keyReleaseInfoBytes(info: KeyReleaseInfo): Buffer {
  return encodeFields([INFO_LABEL, info.assetId, info.cid, String(info.keyVersion)]);
}

/** Encrypts a data key to one consumer's X25519 public key (which may be raw, PEM or JWK, see `X25519KeyInput`). */
export async function sealKeyForRecipient(recipientPublicKey: X25519KeyInput, dataKey: Uint8Array, info: KeyReleaseInfo): Promise<KeyEnvelope> {
  assertDataKey(dataKey);
  assertReleaseInfo(info);
  const suite = hpke();
  const publicKey = await importKey(() => suite.kem.deserializePublicKey(x25519PublicKeyBytes(recipientPublicKey)), 'public');
  let sealed: { ct: ArrayBuffer; enc: ArrayBuffer };
  try {
    sealed = await suite.seal({ recipientPublicKey: publicKey, info: keyReleaseInfoBytes(info) }, dataKey);
  } catch (error) {
    // e.g. a low-order public key, for which X25519 yields no shared secret
    throw new FileCryptoError('INVALID_KEY', 'cannot encrypt to this recipient public key', { cause: error });
  }
  return {
    scheme: KEY_ENVELOPE_SCHEME,
    assetId: info.assetId,
    cid: info.cid,
    keyVersion: info.keyVersion,
    enc: Buffer.from(sealed.enc).toString('base64'),
    ciphertext: Buffer.from(sealed.ct).toString('base64'),
  };
}

/**
 * Recovers the data key. The envelope usually comes from JSON, so its shape is checked here;
 * any failure to open (another recipient's key, an edited field) is `KEY_UNWRAP_FAILED`.
 */
export async function openKeyEnvelope(recipientPrivateKey: X25519KeyInput, envelope: KeyEnvelope): Promise<Uint8Array> {
  const { enc, ciphertext, info } = parseEnvelope(envelope);
  const suite = hpke();
  const privateKey = await importKey(() => suite.kem.deserializePrivateKey(x25519PrivateKeyBytes(recipientPrivateKey)), 'private');
  let dataKey: ArrayBuffer;
  try {
    dataKey = await suite.open({ recipientKey: privateKey, enc, info: keyReleaseInfoBytes(info) }, ciphertext);
  } catch {
    throw new FileCryptoError('KEY_UNWRAP_FAILED', 'key envelope does not open with this private key');
  }
  const bytes = new Uint8Array(dataKey);
  if (bytes.byteLength !== DATA_KEY_LENGTH) throw new FileCryptoError('UNSUPPORTED_FORMAT', 'key envelope holds no data key');
  return bytes;
}

/** `CryptoKey` is not a global type under this workspace's `lib`, so its type is taken from the call. */
async function importKey<T>(load: () => Promise<T>, kind: 'public' | 'private'): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof FileCryptoError) throw error;
    throw new FileCryptoError('INVALID_KEY', `recipient ${kind} key is not a usable X25519 key`, { cause: error });
  }
}

function parseEnvelope(envelope: unknown): { enc: Buffer; ciphertext: Buffer; info: KeyReleaseInfo } {
  if (typeof envelope !== 'object' || envelope === null) throw new FileCryptoError('UNSUPPORTED_FORMAT', 'key envelope must be an object');
  const fields = envelope as Record<string, unknown>;
  if (fields['scheme'] !== KEY_ENVELOPE_SCHEME) throw new FileCryptoError('UNSUPPORTED_FORMAT', 'unsupported key envelope scheme');
  const enc = decodeStrictBase64(fields['enc']);
  const ciphertext = decodeStrictBase64(fields['ciphertext']);
  if (enc?.length !== X25519_KEY_LENGTH || ciphertext?.length !== DATA_KEY_LENGTH + AEAD_TAG_LENGTH) {
    throw new FileCryptoError('UNSUPPORTED_FORMAT', 'key envelope fields enc/ciphertext are malformed');
  }
  const info = { assetId: fields['assetId'], cid: fields['cid'], keyVersion: fields['keyVersion'] };
  assertReleaseInfo(info, 'UNSUPPORTED_FORMAT');
  return { enc, ciphertext, info };
}

function assertReleaseInfo(info: Record<keyof KeyReleaseInfo, unknown>, code: FileCryptoErrorCode = 'INVALID_ARGUMENT'): asserts info is KeyReleaseInfo {
  if (typeof info.assetId !== 'string' || info.assetId === '' || typeof info.cid !== 'string' || info.cid === '' || !Number.isSafeInteger(info.keyVersion) || (info.keyVersion as number) < 1) {
    throw new FileCryptoError(code, 'key release info needs a non-empty assetId and cid and a positive integer keyVersion');
  }
}
