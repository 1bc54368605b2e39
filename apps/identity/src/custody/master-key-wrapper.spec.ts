import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MasterKeyWrapper } from './master-key-wrapper.ts';

const key = (kid: string) => ({ kid, key: randomBytes(32) });

describe('MasterKeyWrapper', () => {
  const secret = Buffer.from('-----BEGIN PRIVATE KEY----- not really');

  it('opens what it sealed, only under the same context', () => {
    const wrapper = new MasterKeyWrapper([key('k1')]);
    const sealed = wrapper.wrap(secret, 'fabric-key:alice');
    expect(sealed.ciphertext).not.toContain('PRIVATE');
    expect(wrapper.unwrap(sealed, 'fabric-key:alice')).toEqual(secret);
    expect(() => wrapper.unwrap(sealed, 'fabric-key:mallory')).toThrow();
  });

  it('detects tampering', () => {
    const wrapper = new MasterKeyWrapper([key('k1')]);
    const sealed = wrapper.wrap(secret, 'ctx');
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => wrapper.unwrap({ ...sealed, ciphertext: flipped.toString('base64') }, 'ctx')).toThrow();
  });

  it('rotates: a new key seals, the old one still opens, rewrap moves blobs to the new key', () => {
    const old = key('2026-01');
    const sealedOld = new MasterKeyWrapper([old]).wrap(secret, 'ctx');
    const rotated = new MasterKeyWrapper([key('2026-11'), old]);
    expect(rotated.unwrap(sealedOld, 'ctx')).toEqual(secret);
    const resealed = rotated.rewrap(sealedOld, 'ctx');
    if (!resealed) throw new Error('an old-key blob must be resealed');
    expect(resealed.kid).toBe('2026-11');
    expect(rotated.rewrap(resealed, 'ctx')).toBeUndefined();
  });

  it('names a missing master key', () => {
    const sealed = new MasterKeyWrapper([key('gone')]).wrap(secret, 'ctx');
    expect(() => new MasterKeyWrapper([key('other')]).unwrap(sealed, 'ctx')).toThrow(/master key gone is not configured/);
  });
});
