import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FileCryptoError } from './file-crypto-error.ts';
import { parseMasterKeys } from './master-keys.ts';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

function configError(config: string | undefined): FileCryptoError {
  try {
    parseMasterKeys(config);
  } catch (error) {
    if (error instanceof FileCryptoError) return error;
    throw error;
  }
  throw new Error(`"${config}" was accepted`);
}

describe('parseMasterKeys', () => {
  it('parses kid:base64 entries in order, tolerating spaces around entries', () => {
    const keys = parseMasterKeys(` 2026-02:${k2.toString('base64')} , 2025-11:${k1.toString('base64')}`);
    expect(keys.map((k) => k.id)).toEqual(['2026-02', '2025-11']);
    expect(keys[0]?.key.equals(k2)).toBe(true);
    expect(keys[1]?.key.equals(k1)).toBe(true);
  });

  it.each([
    ['nothing', undefined],
    ['an empty string', '  '],
    ['an entry without kid', `${k1.toString('base64')}`],
    ['a kid with a colon-free but invalid character', `k 1:${k1.toString('base64')}`],
    ['a 16-byte key', `k1:${randomBytes(16).toString('base64')}`],
    ['a key with non-base64 characters', `k1:${k1.toString('base64').slice(0, -2)}!=`],
    ['base64url instead of base64', `k1:${Buffer.from(new Uint8Array(32).fill(0xfb)).toString('base64url')}`],
    ['the same kid twice', `k1:${k1.toString('base64')},k1:${k2.toString('base64')}`],
    ['a trailing comma', `k1:${k1.toString('base64')},`],
  ])('rejects %s as INVALID_CONFIG', (_name, config) => {
    expect(configError(config).code).toBe('INVALID_CONFIG');
  });

  it('never echoes key material in its errors', () => {
    const badKey = randomBytes(16).toString('base64');
    const error = configError(`k1:${k1.toString('base64')},k2:${badKey}`);
    expect(error.message).toContain('k2');
    expect(error.message).not.toContain(badKey);
    expect(error.message).not.toContain(k1.toString('base64'));
  });
});
