import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { isLowOrderX25519 } from '@gridledger/file-crypto';

/** An X25519 key pair for receiving file keys (HPKE): the raw 32-byte public key and PKCS#8 private key. */
export function newEncryptionKeyPair(): { publicKey: string; privateKeyPkcs8: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: rawX25519(publicKey.export({ format: 'der', type: 'spki' })),
    privateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
  };
}

/** The last 32 bytes of an X25519 SubjectPublicKeyInfo are the raw key. */
const rawX25519 = (spki: Buffer): string => spki.subarray(spki.length - 32).toString('base64');

/** Accepts a user's own X25519 public key (raw, base64); undefined when it is not one, or is a point of small order. */
export function parseX25519PublicKey(base64: string): string | undefined {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== base64 || isLowOrderX25519(raw)) return undefined;
  try {
    // prefix of an X25519 SPKI (RFC 8410), so Node checks it is a usable key
    createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), raw]), format: 'der', type: 'spki' });
    return base64;
  } catch {
    return undefined;
  }
}
