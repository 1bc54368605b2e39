import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRecipientKeyPair, isLowOrderX25519, x25519PrivateKeyBytes, x25519PublicKeyBytes } from './x25519-keys.ts';

describe('X25519 key inputs', () => {
  const pair = generateRecipientKeyPair();

  it('generates a pair whose raw and PEM forms are the same key', () => {
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.privateKey).toHaveLength(32);
    expect(pair.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(pair.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(x25519PublicKeyBytes(pair.publicKeyPem)).toEqual(pair.publicKey);
    expect(x25519PrivateKeyBytes(pair.privateKeyPem)).toEqual(pair.privateKey);
    expect(generateRecipientKeyPair().publicKey).not.toEqual(pair.publicKey);
  });

  it('accepts JWKs and derives the public key from a private key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const raw = x25519PublicKeyBytes(publicKey.export({ format: 'jwk' }));
    expect(x25519PublicKeyBytes(privateKey.export({ format: 'jwk' }))).toEqual(raw);
    expect(x25519PublicKeyBytes(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toEqual(raw);
    expect(x25519PrivateKeyBytes(privateKey.export({ format: 'jwk' }))).toHaveLength(32);
  });

  it.each([
    ['a 31-byte raw key', () => x25519PublicKeyBytes(new Uint8Array(31))],
    ['text that is not PEM', () => x25519PublicKeyBytes('not a key')],
    ['an Ed25519 key', () => x25519PublicKeyBytes(generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString())],
    ['a public key where a private key is needed', () => x25519PrivateKeyBytes(pair.publicKeyPem)],
    ['a JWK of another curve', () => x25519PublicKeyBytes({ kty: 'OKP', crv: 'Ed25519', x: Buffer.alloc(32, 1).toString('base64url') })],
  ])('rejects %s as INVALID_KEY', (_name, parse) => {
    expect(parse).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
  });

  it('refuses every point of small order, in any encoding, and accepts a real key', () => {
    const lowOrder = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
      '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
      'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
      'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    ];
    for (const hex of lowOrder) {
      const raw = Buffer.from(hex, 'hex');
      expect(() => x25519PublicKeyBytes(raw), hex).toThrow(/small order/);
      // the top bit is ignored by X25519, so setting it gives the same point
      const topBit = Buffer.from(raw);
      topBit[31] = (topBit[31] ?? 0) | 0x80;
      expect(() => x25519PublicKeyBytes(topBit), `${hex} with the top bit`).toThrow(/small order/);
      // and as a PEM (SPKI) block, the form the CLI writes
      const pem = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b656e032100', 'hex'), raw]), format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
      expect(() => x25519PublicKeyBytes(pem), `${hex} as PEM`).toThrow(/small order/);
    }
    const real = generateRecipientKeyPair();
    expect(isLowOrderX25519(real.publicKey)).toBe(false);
    expect(x25519PublicKeyBytes(real.publicKeyPem)).toEqual(real.publicKey);
  });
});
