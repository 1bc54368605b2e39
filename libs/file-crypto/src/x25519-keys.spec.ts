import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRecipientKeyPair, x25519PrivateKeyBytes, x25519PublicKeyBytes } from './x25519-keys.ts';

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
});
