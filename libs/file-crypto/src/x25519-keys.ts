import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { FileCryptoError } from './file-crypto-error.ts';

export const X25519_KEY_LENGTH = 32;

/**
 * An X25519 key in any of the forms people actually hold one in:
 * - raw 32 bytes (`Uint8Array`, RFC 7748 encoding, as HPKE serialises it);
 * - a PEM string: SPKI `PUBLIC KEY` for public keys, PKCS#8 `PRIVATE KEY` for private keys
 *   (what `openssl genpkey -algorithm X25519` writes);
 * - a JWK object `{ kty: "OKP", crv: "X25519", x, d? }` (RFC 8037).
 */
export type X25519KeyInput = Uint8Array | string | JsonWebKey;

export interface RecipientKeyPair {
  /** raw 32 bytes */
  publicKey: Uint8Array;
  /** raw 32 bytes */
  privateKey: Uint8Array;
  publicKeyPem: string;
  privateKeyPem: string;
}

/** A fresh X25519 key pair for a consumer, in raw and PEM form (both accepted by the envelope functions). */
export function generateRecipientKeyPair(): RecipientKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: jwkBytes(publicKey, 'x'),
    privateKey: jwkBytes(privateKey, 'd'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * The encodings of the points of small order on Curve25519 (and of 0, 1, p-1, p, p+1), with the
 * unused top bit cleared as RFC 7748 §5 has every implementation do. A shared secret with such a
 * point is the same whatever the other side's key, so a key sealed to it is sealed to everyone:
 * refused wherever a recipient key comes in.
 */
const LOW_ORDER_POINTS = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

/** Whether raw X25519 public key bytes are a point of small order (or otherwise contribute nothing to a shared secret). */
export function isLowOrderX25519(raw: Uint8Array): boolean {
  const masked = Buffer.from(raw);
  masked[31] = (masked[31] ?? 0) & 0x7f;
  return LOW_ORDER_POINTS.includes(masked.toString('hex'));
}

/**
 * Normalises a public key to its raw 32 bytes. A private key given here yields its public key.
 * A point of small order is refused: nothing sealed to it would be secret.
 */
export function x25519PublicKeyBytes(input: X25519KeyInput): Uint8Array {
  const raw = input instanceof Uint8Array ? rawKey(input, 'public') : jwkBytes(toKeyObject(() => createPublicKey(keySource(input)), 'public'), 'x');
  if (isLowOrderX25519(raw)) throw new FileCryptoError('INVALID_KEY', 'the X25519 public key is a point of small order: anything sealed to it could be opened by anyone');
  return raw;
}

/** Normalises a private key to its raw 32 bytes. */
export function x25519PrivateKeyBytes(input: X25519KeyInput): Uint8Array {
  if (input instanceof Uint8Array) return rawKey(input, 'private');
  return jwkBytes(toKeyObject(() => createPrivateKey(keySource(input)), 'private'), 'd');
}

function rawKey(bytes: Uint8Array, kind: string): Uint8Array {
  if (bytes.byteLength !== X25519_KEY_LENGTH) throw new FileCryptoError('INVALID_KEY', `raw X25519 ${kind} key must be ${X25519_KEY_LENGTH} bytes`);
  return Uint8Array.from(bytes);
}

function keySource(input: string | JsonWebKey): string | { key: JsonWebKey; format: 'jwk' } {
  return typeof input === 'string' ? input : { key: input, format: 'jwk' };
}

function toKeyObject(parse: () => KeyObject, kind: string): KeyObject {
  let key: KeyObject;
  try {
    key = parse();
  } catch (error) {
    throw new FileCryptoError('INVALID_KEY', `cannot parse the X25519 ${kind} key (expected raw 32 bytes, PEM or JWK)`, { cause: error });
  }
  if (key.asymmetricKeyType !== 'x25519') throw new FileCryptoError('INVALID_KEY', `expected an X25519 ${kind} key, got ${key.asymmetricKeyType ?? 'another key type'}`);
  return key;
}

function jwkBytes(key: KeyObject, member: 'x' | 'd'): Uint8Array {
  const value = key.export({ format: 'jwk' })[member];
  if (typeof value !== 'string') throw new FileCryptoError('INVALID_KEY', 'X25519 key is missing its key material');
  return Uint8Array.from(Buffer.from(value, 'base64url'));
}
