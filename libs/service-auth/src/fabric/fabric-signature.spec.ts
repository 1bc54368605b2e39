import { createHash, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { hash, signers } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { fabricMessageSigner, signFabricMessage } from './fabric-signature.ts';

const ORDER_P256 = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** S of a DER signature (short-form lengths, as P-256 and P-384 signatures always have). */
function sOf(der: Uint8Array): bigint {
  const rLength = der[3] as number;
  const sAt = 4 + rLength;
  const sLength = der[sAt + 1] as number;
  return BigInt(`0x${Buffer.from(der.subarray(sAt + 2, sAt + 2 + sLength)).toString('hex')}`);
}

describe('signFabricMessage', () => {
  it('signs SHA-256 of the message, always with a low S, verifiable as DER ECDSA', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    // about half of raw ECDSA signatures have a high S: 64 of them meet the normalisation many times
    for (let i = 0; i < 64; i++) {
      const message = randomBytes(200);
      const signature = signFabricMessage(privateKey, message);
      expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
      expect(sOf(signature) <= ORDER_P256 / 2n).toBe(true);
    }
  });

  it('makes signatures that fabric-gateway\'s own signer would accept as the same kind: both verify over the same digest', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const message = randomBytes(100);
    const digest = createHash('sha256').update(message).digest();
    const theirs = await signers.newPrivateKeySigner(privateKey)(digest);
    const ours = signFabricMessage(privateKey, message);
    for (const signature of [theirs, ours]) expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(sOf(theirs) <= ORDER_P256 / 2n).toBe(true);
  });

  it('signs with P-384 keys too, and refuses a key Fabric would not use', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const message = randomBytes(50);
    expect(verify('sha256', message, { key: p384.publicKey, dsaEncoding: 'der' }, signFabricMessage(p384.privateKey, message))).toBe(true);
    expect(() => signFabricMessage(generateKeyPairSync('ed25519').privateKey, message)).toThrow(/P-256 or P-384/);
  });

  it('signs, as a gateway signer with hash.none, the whole message the gateway hands it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const message = randomBytes(300);
    // hash.none passes the message through: the signer sees the bytes, not a digest
    expect(Buffer.from(hash.none(message))).toEqual(message);
    const signature = await fabricMessageSigner(privateKey)(hash.none(message));
    expect(verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature)).toBe(true);
    expect(sOf(signature) <= ORDER_P256 / 2n).toBe(true);
  });
});
